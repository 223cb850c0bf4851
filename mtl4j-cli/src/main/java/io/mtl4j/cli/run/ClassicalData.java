package io.mtl4j.cli.run;

import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * An experiment's training part as classical multi-task data, from the same encoded datasets the networks train on:
 * each task keeps its rows that have a label, features become doubles with a constant 1 appended
 * ({@link ClassicalPredictor#withBias}), regression targets stay as encoded (standardised unless the task says
 * otherwise) and binary labels 0/1 become −1/+1, the classical formulations' labels.
 */
final class ClassicalData {
  private ClassicalData() {}

  /** The training rows of {@code exp} for {@code tasks} (in that order). */
  static MultiTaskData training(Experiment exp, List<Task> tasks) {
    if (exp.multiInput()) {
      List<double[][]> x = new ArrayList<>();
      List<double[]> y = new ArrayList<>();
      for (Task t : tasks) {
        Dataset d = exp.multiTrain.get(t.name());
        int[] rows = labelled(d, t);
        x.add(features(d, rows));
        y.add(targets(d, t, rows));
      }
      return MultiTaskData.of(x, y);
    }
    Dataset d = exp.train;
    boolean complete = tasks.stream().allMatch(t -> labelled(d, t).length == d.rows());
    if (complete) {
      // Tasks share their rows: one X for all lets least squares build one Gram matrix instead of T.
      int[] all = labelled(d, tasks.get(0));
      double[][] y = new double[d.rows()][tasks.size()];
      for (int t = 0; t < tasks.size(); t++) {
        double[] yt = targets(d, tasks.get(t), all);
        for (int i = 0; i < yt.length; i++) y[i][t] = yt[i];
      }
      return MultiTaskData.sharedX(features(d, all), y);
    }
    List<double[][]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (Task t : tasks) {
      int[] rows = labelled(d, t);
      if (rows.length == 0) throw new IllegalArgumentException("task '" + t.name() + "' has no labelled training rows");
      x.add(features(d, rows));
      y.add(targets(d, t, rows));
    }
    return MultiTaskData.of(x, y);
  }

  /** The rows whose label for {@code task} is present (mask 1). */
  private static int[] labelled(Dataset d, Task task) {
    float[] mask = d.mask(task.name()).toArray();
    return java.util.stream.IntStream.range(0, mask.length).filter(i -> mask[i] > 0).toArray();
  }

  private static double[][] features(Dataset d, int[] rows) {
    float[] x = d.features().toArray();
    int width = d.featureCount();
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) out[i] = ClassicalPredictor.withBias(x, rows[i], width);
    return out;
  }

  private static double[] targets(Dataset d, Task task, int[] rows) {
    float[] labels = d.labels(task.name()).toArray();
    boolean binary = task.type().kind().equals("binary");
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      float v = labels[rows[i]];
      y[i] = binary ? (v > 0.5f ? 1 : -1) : v;
    }
    return y;
  }
}
