package io.mtl4j.spark;

import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * One partition's rows as a core {@link Dataset}, read once and cached by Spark: rows [start, start + rows) of the
 * global row order (partition order, then row order, as {@code collect()} returns them). A step's batch is the part of
 * the global batch that falls in this range, in batch order.
 */
final class PartitionRows {
  private final Dataset data;
  private final long start;
  private final boolean[][] labelled;

  private PartitionRows(Dataset data, long start) {
    this.data = data;
    this.start = start;
    this.labelled = new boolean[data.tasks().size()][data.rows()];
    for (int t = 0; t < labelled.length; t++) {
      Tensor mask = data.mask(data.tasks().get(t));
      for (int i = 0; i < labelled[t].length; i++) labelled[t][i] = mask.get(i) != 0f;
    }
  }

  /**
   * Reads a partition's rows; {@code width} is the feature width every row must have, {@code start} the global index
   * of its first row.
   */
  static PartitionRows read(Iterator<Row> rows, RowReader reader, List<String> tasks, int width, long start) {
    List<Row> all = new ArrayList<>();
    rows.forEachRemaining(all::add);
    int n = all.size();
    float[] x = new float[n * width];
    float[][] labels = new float[tasks.size()][n], masks = new float[tasks.size()][n];
    for (int i = 0; i < n; i++) {
      Row row = all.get(i);
      reader.features(row, start + i, width, x, i * width);
      for (int t = 0; t < tasks.size(); t++) {
        Double y = reader.label(row, t);
        labels[t][i] = y == null ? 0f : (float) (double) y;
        masks[t][i] = y == null ? 0f : 1f;
      }
    }
    Dataset.Builder b = Dataset.builder(Tensor.of(x, n, width));
    for (int t = 0; t < tasks.size(); t++) {
      b.task(tasks.get(t), Tensor.of(labels[t], n), Tensor.of(masks[t], n));
    }
    return new PartitionRows(b.build(), start);
  }

  int rows() {
    return data.rows();
  }

  /** Per task, whether each row is labelled [T][rows]: the driver derives every batch's loss denominators from it. */
  boolean[][] labelled() {
    return labelled;
  }

  /**
   * This partition's labelled rows of each task in the global batch {@code order[from, to)}, at least 1: the loss
   * denominators of a local step (with no labelled row the task's loss and gradient are 0 either way).
   */
  double[] denominators(int[] order, int from, int to) {
    double[] out = count(labelled, order, from, to, start);
    for (int t = 0; t < out.length; t++) out[t] = Math.max(1, out[t]);
    return out;
  }

  /**
   * Per task, the labelled rows among {@code order[from, to)} that {@code labelled} [T][n] covers: global rows
   * [start, start + n).
   */
  static double[] count(boolean[][] labelled, int[] order, int from, int to, long start) {
    double[] out = new double[labelled.length];
    for (int t = 0; t < out.length; t++) {
      int n = 0;
      for (int i = from; i < to; i++) {
        long g = order[i] - start;
        if (g >= 0 && g < labelled[t].length && labelled[t][(int) g]) n++;
      }
      out[t] = n;
    }
    return out;
  }

  /** This partition's rows of the global batch {@code order[from, to)}, in batch order (possibly none). */
  Batch batch(int[] order, int from, int to) {
    int[] local = new int[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      long g = order[i] - start;
      if (g >= 0 && g < rows()) local[n++] = (int) g;
    }
    return data.newBatch(Math.max(1, n)).load(data, local, 0, n);
  }
}
