package io.mtl4j.classical;

/**
 * A classical multi-task learner: fits one predictor per task from T tasks' data. Instances are immutable and
 * configured by their {@code Options}; {@link Formulations} builds them from a name and an options map.
 */
public interface Formulation {
  /** The registry name, e.g. {@code trace}, {@code l21}, {@code mt-svm}. */
  String name();

  ClassicalModel fit(MultiTaskData train);

  /**
   * Fits from sums over rows that may live on a cluster ({@code --engine spark}): the full-gradient (FISTA) steps
   * take their loss value and gradient from {@code rows}, the prox step and momentum run here.
   *
   * @throws IllegalArgumentException for a formulation not solved by full-gradient steps, naming it
   */
  default ClassicalModel fit(RowSum rows) {
    throw new IllegalArgumentException("formulation '" + name() + "' is not solved by full-gradient (FISTA) steps, "
        + "so it cannot fit from distributed row sums (--engine spark); fit it in one JVM (--engine jvm)");
  }
}
