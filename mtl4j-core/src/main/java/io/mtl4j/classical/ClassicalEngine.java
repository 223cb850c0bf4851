package io.mtl4j.classical;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Fits a classical formulation somewhere other than this JVM: a cluster engine (mtl4j-spark's {@code spark}) that
 * holds the rows and serves the solver's full-gradient steps as {@link RowSum}s. Found by name through
 * {@link ServiceLoader}, so core and the CLI need no cluster classes unless one is chosen.
 */
public interface ClassicalEngine {
  /** The name chosen on the command line ({@code --engine spark}). */
  String name();

  /**
   * Fits {@code formulation} on {@code train} through {@link Formulation#fit(RowSum)}.
   *
   * @param master where to run (for Spark a master URL such as {@code local[*]}), or null for the engine's default
   * @throws IllegalArgumentException a formulation or option that cannot fit from row sums, naming it
   */
  ClassicalModel fit(Formulation formulation, MultiTaskData train, String master);

  /**
   * The engine called {@code name}.
   *
   * @throws IllegalArgumentException when no engine of that name is on the classpath
   */
  static ClassicalEngine named(String name) {
    List<String> found = new ArrayList<>();
    for (ClassicalEngine e : ServiceLoader.load(ClassicalEngine.class)) {
      if (e.name().equalsIgnoreCase(name)) return e;
      found.add(e.name());
    }
    throw new IllegalArgumentException("--engine " + name + ": no classical engine of that name on the classpath "
        + "(found: " + found + "); the spark engine is in mtl4j-spark, which the ./mtl4j launcher adds with Spark's "
        + "jars when --engine spark is given");
  }
}
