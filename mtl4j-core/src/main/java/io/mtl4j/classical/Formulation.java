package io.mtl4j.classical;

/**
 * A classical multi-task learner: fits one predictor per task from T tasks' data. Instances are immutable and
 * configured by their {@code Options}; {@link Formulations} builds them from a name and an options map.
 */
public interface Formulation {
  /** The registry name, e.g. {@code trace}, {@code l21}, {@code mt-svm}. */
  String name();

  ClassicalModel fit(MultiTaskData train);
}
