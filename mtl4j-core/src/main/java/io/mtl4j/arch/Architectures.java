package io.mtl4j.arch;

import io.mtl4j.config.OptionBinder;
import io.mtl4j.config.Registry;
import java.util.List;
import java.util.Map;

/**
 * Architecture registry: name → options record with its defaults. Add an architecture class here, its test, and one
 * line below. Options bind from a name → value map (YAML configs, model files) through {@link OptionBinder}.
 * {@link #defaults()} is an immutable value: {@code Architectures.defaults().with("mine", o -> o.record(…))} returns a
 * registry with one more entry; Java code can also pass any {@link Architecture.Factory} object to a
 * {@link ModelSpec} directly.
 */
public final class Architectures {
  private static final Registry<Architecture.Factory> DEFAULTS = Registry.<Architecture.Factory>of("architecture")
      .with(AdversarialSharedPrivate.NAME, o -> o.record(AdversarialSharedPrivate.Options.class,
          new AdversarialSharedPrivate.Options(64, 32, 0.05, 0.01)))
      .with("cgc", o -> o.record(PLE.Options.class, new PLE.Options(1, 2, 2, 16)))
      .with("cross-stitch", o -> o.record(CrossStitch.Options.class, new CrossStitch.Options(64)))
      .with("dselect-k", o -> o.record(MMoE.Options.class, new MMoE.Options(8, 16).withGate(MMoE.Gate.DSELECT)))
      .with(LTB.NAME, o -> o.record(LTB.Options.class, new LTB.Options(64, 32)))
      .with("mmoe", o -> o.record(MMoE.Options.class, new MMoE.Options(8, 16)))
      .with("mtan", o -> o.record(MTAN.Options.class, new MTAN.Options(64)))
      .with("omoe", o -> o.record(MMoE.Options.class, new MMoE.Options(8, 16).withGate(MMoE.Gate.SHARED)))
      .with("ple", o -> o.record(PLE.Options.class, new PLE.Options(2, 2, 2, 16)))
      .with("shared-bottom", o -> o.record(SharedBottom.Options.class, new SharedBottom.Options(64)))
      .with("single-task", o -> o.record(SingleTask.Options.class, new SingleTask.Options(64)))
      .with("soft-sharing", o -> o.record(SoftSharing.Options.class,
          new SoftSharing.Options(SoftSharing.Penalty.L2_TIE, 1e-3, 64)));

  private Architectures() {}

  /** The built-in architectures. */
  public static Registry<Architecture.Factory> defaults() {
    return DEFAULTS;
  }

  /** Default options of the named architecture. */
  public static Architecture.Factory byName(String name) {
    return create(name, Map.of());
  }

  /** The named architecture's options with {@code values} (record component names) over its defaults. */
  public static Architecture.Factory create(String name, Map<String, ?> values) {
    return DEFAULTS.create(name, values);
  }

  /** The options as a name → value map; {@link #create} of it rebuilds the same factory. */
  public static Map<String, Object> toMap(Architecture.Factory factory) {
    return OptionBinder.toMap((Record) factory);
  }

  /** The built-in names, sorted. */
  public static List<String> names() {
    return DEFAULTS.names();
  }
}
