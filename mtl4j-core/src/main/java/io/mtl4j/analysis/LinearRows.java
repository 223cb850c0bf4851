package io.mtl4j.analysis;

import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows of an encoded dataset as classical multi-task data for relating tasks: binary labels 0/1 as −1/+1 (the
 * classical formulations' labels), regression targets as encoded, and every feature and every task's labels centred
 * on the means over a sample of rows. Centring stands in for an intercept: MALSAR's least squares takes the intercept
 * as a column of X, whose weights would then relate the tasks' base rates rather than their slopes.
 */
final class LinearRows {
  private final Dataset data;
  private final List<Task> tasks;
  private final double[] featureMeans;
  private final double[] labelMeans;

  /** Centres on the means over {@code sample} (each task's over its labelled rows there). */
  LinearRows(Dataset data, List<Task> tasks, int[] sample) {
    this.data = data;
    this.tasks = List.copyOf(tasks);
    int width = data.featureCount();
    float[] x = data.features().toArray();
    featureMeans = new double[width];
    for (int r : sample) for (int j = 0; j < width; j++) featureMeans[j] += x[r * width + j];
    for (int j = 0; j < width; j++) featureMeans[j] /= Math.max(1, sample.length);
    labelMeans = new double[tasks.size()];
    for (int t = 0; t < tasks.size(); t++) {
      int[] labelled = labelled(data, tasks.get(t), sample);
      double[] y = labels(t, labelled);
      labelMeans[t] = Arrays.stream(y).average().orElse(0);
    }
  }

  /** The rows {@code rows} for the tasks, in their order; each task keeps the rows that carry its label. */
  MultiTaskData of(int[] rows) {
    float[] x = data.features().toArray();
    int width = data.featureCount();
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      int[] labelled = labelled(data, tasks.get(t), rows);
      double[][] features = new double[labelled.length][width];
      double[] y = labels(t, labelled);
      for (int i = 0; i < labelled.length; i++) {
        for (int j = 0; j < width; j++) features[i][j] = x[labelled[i] * width + j] - featureMeans[j];
        y[i] -= labelMeans[t];
      }
      xs.add(features);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }

  /** The rows of {@code rows} whose label for {@code task} is present. */
  static int[] labelled(Dataset data, Task task, int[] rows) {
    float[] mask = data.mask(task.name()).toArray();
    return Arrays.stream(rows).filter(r -> mask[r] > 0).toArray();
  }

  private double[] labels(int task, int[] rows) {
    float[] labels = data.labels(tasks.get(task).name()).toArray();
    boolean binary = tasks.get(task).type() instanceof TaskType.Binary;
    double[] y = new double[rows.length];
    for (int i = 0; i < rows.length; i++) y[i] = binary ? (labels[rows[i]] > 0.5f ? 1 : -1) : labels[rows[i]];
    return y;
  }
}
