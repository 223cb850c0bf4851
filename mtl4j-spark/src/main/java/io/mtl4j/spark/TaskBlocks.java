package io.mtl4j.spark;

import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.RowTerm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One partition's rows of a classical fit, task by task: X_t [n_t, D] row-major and y_t. A row of a DataFrame
 * belongs to every task whose label column is not null there (one label per task, as {@link MultiTaskEstimator}
 * reads them).
 */
final class TaskBlocks implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[][] x;
  private final double[][] y;

  private TaskBlocks(double[][] x, double[][] y) {
    this.x = x;
    this.y = y;
  }

  /**
   * The rows [from, to) of {@code data} in its global order: task 0's rows, then task 1's, and so on.
   */
  static TaskBlocks slice(MultiTaskData data, long from, long to) {
    int d = data.features();
    double[][] x = new double[data.tasks()][];
    double[][] y = new double[data.tasks()][];
    long first = 0;
    for (int t = 0; t < data.tasks(); t++) {
      int lo = (int) Math.min(data.rows(t), Math.max(0, from - first));
      int hi = (int) Math.min(data.rows(t), Math.max(0, to - first));
      x[t] = java.util.Arrays.copyOfRange(data.x(t), lo * d, hi * d);
      y[t] = java.util.Arrays.copyOfRange(data.y(t), lo, hi);
      first += data.rows(t);
    }
    return new TaskBlocks(x, y);
  }

  /**
   * Reads DataFrame rows numbered from {@code start} (their global index, for messages).
   *
   * @throws IllegalArgumentException a bad feature cell or vector ({@link RowReader}), or a NaN label, naming the
   *                                  column and the row
   */
  static TaskBlocks read(Iterator<Row> rows, RowReader reader, int width, long start) {
    int tasks = reader.labelCols().size();
    List<List<double[]>> x = new ArrayList<>();
    List<List<Double>> y = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      x.add(new ArrayList<>());
      y.add(new ArrayList<>());
    }
    for (long i = start; rows.hasNext(); i++) {
      Row row = rows.next();
      double[] features = reader.values(row, i, width);
      for (int t = 0; t < tasks; t++) {
        Double label = reader.label(row, t);
        if (label == null) continue;
        if (label.isNaN()) {
          throw new IllegalArgumentException("labelCols: column '" + reader.labelCols().get(t) + "' is NaN in row "
              + i + "; a missing label is null (the row then leaves that task out)");
        }
        x.get(t).add(features);
        y.get(t).add(label);
      }
    }
    double[][] flatX = new double[tasks][];
    double[][] flatY = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      List<double[]> rowsOfTask = x.get(t);
      flatX[t] = new double[rowsOfTask.size() * width];
      for (int i = 0; i < rowsOfTask.size(); i++) System.arraycopy(rowsOfTask.get(i), 0, flatX[t], i * width, width);
      flatY[t] = y.get(t).stream().mapToDouble(Double::doubleValue).toArray();
    }
    return new TaskBlocks(flatX, flatY);
  }

  /** Each task's rows of the blocks, joined in block order: what one JVM fits. */
  static MultiTaskData join(List<TaskBlocks> blocks, int tasks, int width) {
    List<double[][]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      List<double[]> rows = new ArrayList<>();
      List<Double> labels = new ArrayList<>();
      for (TaskBlocks b : blocks) {
        for (int i = 0; i < b.y[t].length; i++) {
          rows.add(java.util.Arrays.copyOfRange(b.x[t], i * width, (i + 1) * width));
          labels.add(b.y[t][i]);
        }
      }
      x.add(rows.toArray(double[][]::new));
      y.add(labels.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return MultiTaskData.of(x, y);
  }

  /** n_t of this block, per task. */
  int[] rows() {
    int[] n = new int[y.length];
    for (int t = 0; t < n.length; t++) n[t] = y[t].length;
    return n;
  }

  /** {@code term} over this block's rows, task by task. */
  double[] sum(RowTerm term) {
    double[] sum = new double[term.size()];
    for (int t = 0; t < y.length; t++) term.add(t, x[t], y[t], y[t].length, sum);
    return sum;
  }
}
