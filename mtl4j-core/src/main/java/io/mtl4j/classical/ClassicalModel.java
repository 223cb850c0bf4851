package io.mtl4j.classical;

/** A fitted classical multi-task model: one real-valued predictor per task. */
public interface ClassicalModel {
  int tasks();

  /** The registry name of the formulation that produced this model. */
  String formulation();

  /** The prediction for row x of task t: a real value (regression) or a margin whose sign is the class. */
  double predict(int task, double[] x);

  /** True when predictions are margins of a ±1 classifier. */
  boolean classifier();

  FitReport report();

  /** Predictions for every row of task t of {@code data}. */
  default double[] predict(MultiTaskData data, int task) {
    double[] out = new double[data.rows(task)];
    for (int i = 0; i < out.length; i++) out[i] = predict(task, data.row(task, i));
    return out;
  }
}
