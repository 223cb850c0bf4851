package io.mtl4j.cli.run;

import io.mtl4j.classical.ClassicalModel;
import io.mtl4j.classical.PlattScaling;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Predictor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted classical model in a network's output form, so that the deep path's evaluation, metrics and predict
 * output serve it unchanged: features [B, D] → task → [B, 1], a regression task's (standardised) target, a binary
 * task's probability of the positive class. Probabilities are σ(margin) for logistic models and Platt-scaled margins
 * for MT-SVM ({@code calibration}, fitted on the training rows).
 *
 * @param model       the fitted model; its task t is {@code tasks.get(t)}
 * @param tasks       task names, in the model's order
 * @param binary      per task: a binary task (probabilities out) rather than regression
 * @param calibration margin → probability per binary task of a model without probabilities of its own (MT-SVM)
 */
public record ClassicalPredictor(ClassicalModel model, List<String> tasks, List<Boolean> binary,
                          Map<String, PlattScaling> calibration) implements Predictor {
  public ClassicalPredictor {
    tasks = List.copyOf(tasks);
    binary = List.copyOf(binary);
    calibration = Map.copyOf(calibration);
    if (tasks.size() != model.tasks() || binary.size() != tasks.size()) {
      throw new IllegalArgumentException("classical model of " + model.tasks() + " tasks given " + tasks.size()
          + " task names and " + binary.size() + " task kinds");
    }
  }

  /** Classical models read the features matrix only: a config with feature groups is refused before fitting. */
  @Override
  public Map<String, Tensor> predict(Tensor features, FeatureRows groups) {
    int rows = features.rows(), d = features.cols();
    float[] x = features.toArray();
    float[][] out = new float[tasks.size()][rows];
    for (int r = 0; r < rows; r++) {
      double[] row = withBias(x, r, d);
      for (int t = 0; t < tasks.size(); t++) out[t][r] = (float) output(t, model.predict(t, row));
    }
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (int t = 0; t < tasks.size(); t++) m.put(tasks.get(t), Tensor.of(out[t], rows, 1));
    return m;
  }

  private double output(int task, double margin) {
    if (!binary.get(task)) return margin;
    PlattScaling platt = calibration.get(tasks.get(task));
    return platt != null ? platt.probability(margin) : 1 / (1 + Math.exp(-margin));
  }

  /**
   * Row r of x [B, D] as doubles with a constant 1 appended: least-squares formulations have no intercept of their
   * own (MALSAR's convention: the bias is a column of X), so every classical model here sees one.
   */
  static double[] withBias(float[] x, int r, int d) {
    double[] row = new double[d + 1];
    for (int j = 0; j < d; j++) row[j] = x[r * d + j];
    row[d] = 1;
    return row;
  }
}
