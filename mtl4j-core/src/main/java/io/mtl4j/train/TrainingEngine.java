package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Trains a model somewhere other than this JVM's {@link Trainer}: a cluster engine (mtl4j-spark's {@code spark}).
 * Engines are found by name through {@link ServiceLoader}, so the CLI and core need no cluster classes unless one is
 * chosen.
 */
public interface TrainingEngine {
  /** The name chosen on the command line ({@code --engine spark}). */
  String name();

  /**
   * Trains {@code model} in place on {@code train} with {@code config}, validating on {@code valid} after each epoch
   * when it is not null.
   *
   * @param options where to run and by which strategy
   */
  TrainingResult fit(MultiTaskModel model, Dataset train, Dataset valid, TrainingConfig config, EngineOptions options);

  /**
   * The engine called {@code name}.
   *
   * @throws IllegalArgumentException when no engine of that name is on the classpath, saying how to get it
   */
  static TrainingEngine named(String name) {
    List<String> found = new java.util.ArrayList<>();
    for (TrainingEngine e : ServiceLoader.load(TrainingEngine.class)) {
      if (e.name().equalsIgnoreCase(name)) return e;
      found.add(e.name());
    }
    throw new IllegalArgumentException("--engine " + name + ": no such engine on the classpath (found: " + found
        + "); the spark engine is in mtl4j-spark: run it through the ./mtl4j launcher, which adds "
        + "mtl4j-spark/target/classes and Spark's jars when --engine spark is given, or with "
        + "mtl4j-spark/target/mtl4j-spark-all.jar and Spark on the classpath");
  }
}
