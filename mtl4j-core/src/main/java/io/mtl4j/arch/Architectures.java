package io.mtl4j.arch;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Architecture registry: name → default options. Add an architecture class here, its test, and one line below.
 */
public final class Architectures {
  private static final Map<String, Supplier<Architecture.Factory>> DEFAULTS = new TreeMap<>(Map.of(
      "single-task", () -> new SingleTask.Options(64),
      "shared-bottom", () -> new SharedBottom.Options(64),
      "mmoe", () -> new MMoE.Options(8, 16)));

  private Architectures() {}

  /** Default options of the named architecture. */
  public static Architecture.Factory byName(String name) {
    Supplier<Architecture.Factory> f = DEFAULTS.get(name.toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new IllegalArgumentException("unknown architecture '" + name + "'; known: " + DEFAULTS.keySet());
    }
    return f.get();
  }

  public static java.util.Set<String> names() {
    return DEFAULTS.keySet();
  }
}
