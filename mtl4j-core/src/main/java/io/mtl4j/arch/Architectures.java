package io.mtl4j.arch;

import io.mtl4j.config.OptionBinder;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Architecture registry: name → default options. Add an architecture class here, its test, and one line below.
 * Options bind from a name → value map (YAML configs, model files) through {@link OptionBinder}.
 */
public final class Architectures {
  private static final Map<String, Record> DEFAULTS = new TreeMap<>(Map.of(
      "single-task", new SingleTask.Options(64),
      "shared-bottom", new SharedBottom.Options(64),
      "mmoe", new MMoE.Options(8, 16),
      "omoe", new MMoE.Options(8, 16).withGate(MMoE.Gate.SHARED),
      "dselect-k", new MMoE.Options(8, 16).withGate(MMoE.Gate.DSELECT),
      "cgc", new PLE.Options(1, 2, 2, 16),
      "ple", new PLE.Options(2, 2, 2, 16),
      "cross-stitch", new CrossStitch.Options(64),
      "mtan", new MTAN.Options(64),
      "soft-sharing", new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 1e-3, 64)));

  private Architectures() {}

  /** Default options of the named architecture. */
  public static Architecture.Factory byName(String name) {
    return create(name, Map.of());
  }

  /** The named architecture's options with {@code values} (record component names) over its defaults. */
  public static Architecture.Factory create(String name, Map<String, ?> values) {
    Record defaults = DEFAULTS.get(name.toLowerCase(Locale.ROOT));
    if (defaults == null) {
      throw new IllegalArgumentException("unknown architecture '" + name + "'; known: " + DEFAULTS.keySet());
    }
    return (Architecture.Factory) OptionBinder.bind(defaults.getClass().asSubclass(Record.class), cast(defaults), values);
  }

  /** The options as a name → value map; {@link #create} of it rebuilds the same factory. */
  public static Map<String, Object> toMap(Architecture.Factory factory) {
    return OptionBinder.toMap((Record) factory);
  }

  public static Set<String> names() {
    return DEFAULTS.keySet();
  }

  @SuppressWarnings("unchecked")
  private static <R extends Record> R cast(Record r) {
    return (R) r;
  }
}
