package io.mtl4j.runtime;

import io.mtl4j.io.ModelFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which {@link SharedPart} compiles an architecture, by the name its model file gives it. Add a plan class here, a
 * parity case (every architecture of mtl4j-core's registry is one), and one line below.
 */
final class SharedParts {
  private static final Map<String, SharedPart.Compiler> BY_NAME = Map.<String, SharedPart.Compiler>ofEntries(
      Map.entry("single-task", TaskNetworksPlan::new),
      Map.entry("soft-sharing", TaskNetworksPlan::new),
      Map.entry("shared-bottom", SharedBottomPlan::new),
      Map.entry("mmoe", MMoEPlan::new),
      Map.entry("omoe", MMoEPlan::new),
      Map.entry("dselect-k", MMoEPlan::new),
      Map.entry("cgc", PLEPlan::new),
      Map.entry("ple", PLEPlan::new),
      Map.entry("cross-stitch", CrossStitchPlan::new),
      Map.entry("mtan", MTANPlan::new),
      Map.entry("ltb", LTBPlan::new),
      Map.entry("adversarial-shared-private", SharedPrivatePlan::new));

  private SharedParts() {}

  /** The compiler of architecture {@code name}; a {@link ModelFileException} listing the known ones otherwise. */
  static SharedPart.Compiler of(Path file, String name) {
    SharedPart.Compiler c = BY_NAME.get(name);
    if (c == null) {
      throw new ModelFileException(file, "has architecture '" + name + "', which mtl4j-runtime cannot run; it runs "
          + new TreeSet<>(BY_NAME.keySet()));
    }
    return c;
  }

  /** The architectures this runtime runs, sorted. */
  static java.util.List<String> names() {
    return java.util.List.copyOf(new TreeSet<>(BY_NAME.keySet()));
  }
}
