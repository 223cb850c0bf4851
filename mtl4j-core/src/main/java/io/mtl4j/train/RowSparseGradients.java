package io.mtl4j.train;

import io.mtl4j.autodiff.TouchedRows;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a step's gradient can be non-zero when a model has row-sparse tables ({@link ParameterBuffer#rowSparse()}):
 * the dense parameters whole, and of each table only the rows some worker touched. Worker buffers and the reduced
 * gradient keep the invariant "zero outside the touched rows", so every loop that skips those rows (zeroing, the
 * reduction, clipping, the update) gives the same floats as the dense loop would: a sparse table costs per step what
 * its touched rows cost, and nothing else changes.
 */
final class RowSparseGradients {
  private final Parameter[] tables;   // row-sparse parameters, buffer order
  private final int[][] dense;        // the other ranges of the buffer, ascending
  private final TouchedRows[] union;  // per table: rows the reduced gradient holds this step, ascending
  private final int size;

  RowSparseGradients(ParameterBuffer buffer) {
    this.tables = buffer.rowSparse().toArray(new Parameter[0]);
    this.size = buffer.size();
    this.union = new TouchedRows[tables.length];
    for (int k = 0; k < tables.length; k++) union[k] = new TouchedRows(tables[k].shape()[0]);
    List<int[]> ranges = new ArrayList<>();
    int at = 0;
    for (Parameter p : tables) {
      if (p.offset() > at) ranges.add(new int[] {at, p.offset()});
      at = p.offset() + p.size();
    }
    if (at < size) ranges.add(new int[] {at, size});
    this.dense = ranges.toArray(new int[0][]);
  }

  /** Whether the buffer has row-sparse tables at all; without, callers keep their dense loops unchanged. */
  boolean any() {
    return tables.length > 0;
  }

  /** The dense ranges, ascending. */
  int[][] dense() {
    return dense;
  }

  /** Zeroes a worker's buffer: the dense ranges and the rows it touched, which it then forgets. */
  void zero(float[] gradients, TouchedRows[] touched) {
    for (int[] r : dense) Arrays.fill(gradients, r[0], r[1], 0f);
    for (int k = 0; k < tables.length; k++) clearRows(gradients, tables[k], touched[k]);
  }

  /** Zeroes the rows {@code rows} of {@code table} in {@code gradients}, then empties {@code rows}. */
  private static void clearRows(float[] gradients, Parameter table, TouchedRows rows) {
    int width = table.shape()[1], offset = table.offset();
    for (int i = 0; i < rows.size(); i++) {
      int at = offset + rows.get(i) * width;
      Arrays.fill(gradients, at, at + width, 0f);
    }
    rows.clear();
  }

  /**
   * gradient = Σ_w worker gradients, in worker order, over the touched rows of every table at or after {@code from}:
   * the rows of the last step are zeroed first, then the union of this step's rows (ascending) is summed. Tables are
   * independent, so {@code parallel}'s workers take contiguous runs of them: the floats do not depend on the split.
   *
   * @param touched [worker][table]
   */
  void reduce(float[][] workerGradients, TouchedRows[][] touched, float[] gradient, int from, DataParallel parallel) {
    int[] bounds = parallel.split(tables.length);
    parallel.run(w -> {
      for (int k = bounds[w]; k < bounds[w + 1]; k++) {
        if (tables[k].offset() >= from) reduceTable(k, workerGradients, touched, gradient);
      }
    });
  }

  private void reduceTable(int k, float[][] workerGradients, TouchedRows[][] touched, float[] gradient) {
    int width = tables[k].shape()[1], offset = tables[k].offset();
    TouchedRows rows = union[k];
    clearRows(gradient, tables[k], rows);
    for (TouchedRows[] worker : touched) rows.addAll(worker[k]);
    rows.sort();
    for (int i = 0; i < rows.size(); i++) {
      for (int at = offset + rows.get(i) * width, end = at + width; at < end; at++) {
        float s = 0f;
        for (float[] wg : workerGradients) s += wg[at];
        gradient[at] = s;
      }
    }
  }

  /**
   * Ascending ranges outside which the reduced gradient is zero: dense ranges and touched rows, adjacent merged.
   * Sized before it is filled: a step of a wide sparse batch has thousands of rows, and growing a list of them cost
   * as much as summing them.
   */
  int[][] support() {
    int[][] out = new int[dense.length + touchedRowCount()][];
    int n = 0, d = 0;
    for (int k = 0; k < tables.length; k++) {
      for (; d < dense.length && dense[d][0] < tables[k].offset(); d++) n = append(out, n, dense[d][0], dense[d][1]);
      int width = tables[k].shape()[1], offset = tables[k].offset();
      for (int i = 0; i < union[k].size(); i++) {
        int at = offset + union[k].get(i) * width;
        n = append(out, n, at, at + width);
      }
    }
    for (; d < dense.length; d++) n = append(out, n, dense[d][0], dense[d][1]);
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  private int touchedRowCount() {
    int n = 0;
    for (TouchedRows rows : union) n += rows.size();
    return n;
  }

  /** Appends [from, to) to the first {@code n} ranges of {@code ranges}, merged with the last if adjacent. */
  private static int append(int[][] ranges, int n, int from, int to) {
    if (n > 0 && ranges[n - 1][1] == from) {
      ranges[n - 1][1] = to;
      return n;
    }
    ranges[n] = new int[] {from, to};
    return n + 1;
  }

  /** The parts of ascending disjoint ranges {@code a} that lie inside ascending disjoint ranges {@code b}. */
  static int[][] intersect(int[][] a, int[][] b) {
    List<int[]> out = new ArrayList<>();
    int j = 0;
    for (int[] r : a) {
      while (j < b.length && b[j][1] <= r[0]) j++;
      for (int m = j; m < b.length && b[m][0] < r[1]; m++) {
        int from = Math.max(r[0], b[m][0]), to = Math.min(r[1], b[m][1]);
        if (from < to) out.add(new int[] {from, to});
      }
    }
    return out.toArray(new int[0][]);
  }
}
