package io.mtl4j.spark;

import java.util.function.Supplier;

/**
 * Spark wraps an exception thrown in a task into a {@code SparkException} ("Job aborted due to stage failure: …"):
 * bad data found on an executor is rethrown here as the {@link IllegalArgumentException} the single-JVM path throws,
 * with the same message and the Spark failure kept as its cause.
 */
final class SparkErrors {
  private SparkErrors() {}

  static <T> T unwrapping(Supplier<T> job) {
    try {
      return job.get();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked in Java's eyes, though Scala throws it anywhere
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException bad) throw new IllegalArgumentException(bad.getMessage(), e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
    }
  }
}
