package io.mtl4j.encode;

import io.mtl4j.tensor.Tensor;
import java.util.Arrays;

/**
 * A sparse numeric group in CSR form: row i holds {@code values[j]} at column {@code columns[j]} (0-based, below
 * {@code width}) for j in {@code offsets[i] .. offsets[i+1])}. Memory is O(non-zeros), whatever the width; a batch is
 * made dense only when encoded ({@link #toDense}), so a wide LibSVM file costs O(non-zeros + batch × width). The
 * offsets are absolute, so a slice shares the column and value arrays (as {@link IdRows} does).
 */
public record SparseRows(int width, int[] offsets, int[] columns, float[] values) implements GroupRows {
  public SparseRows {
    if (width <= 0) throw new IllegalArgumentException("sparse rows: width = " + width + ", expected > 0");
    if (columns.length != values.length) {
      throw new IllegalArgumentException("sparse rows: " + columns.length + " columns but " + values.length + " values");
    }
    new IdRows(offsets, columns); // the same offset checks as ragged ids
    for (int j = offsets[0]; j < offsets[offsets.length - 1]; j++) {
      if (columns[j] < 0 || columns[j] >= width) {
        throw new IllegalArgumentException("sparse rows: column " + columns[j] + " outside 0.." + (width - 1));
      }
    }
  }

  @Override
  public int rows() {
    return offsets.length - 1;
  }

  /** Stored entries of these rows. */
  public int nonZeros() {
    return offsets[offsets.length - 1] - offsets[0];
  }

  @Override
  public SparseRows gather(int[] order, int from, int to) {
    IdRows picked = new IdRows(offsets, columns).gather(order, from, to);
    float[] v = new float[picked.ids().length];
    for (int i = from; i < to; i++) {
      int r = order[i];
      System.arraycopy(values, offsets[r], v, picked.offsets()[i - from], offsets[r + 1] - offsets[r]);
    }
    return new SparseRows(width, picked.offsets(), picked.ids(), v);
  }

  @Override
  public SparseRows slice(int from, int to) {
    GroupRows.checkRange("sparse rows", from, to, rows());
    return new SparseRows(width, Arrays.copyOfRange(offsets, from, to + 1), columns, values);
  }

  /** These rows as a dense matrix [rows, width]; an error when that matrix cannot be one array. */
  public Tensor toDense() {
    long cells = (long) rows() * width;
    if (cells > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("sparse rows: " + rows() + " rows × " + width + " columns = " + cells
          + " values do not fit one dense batch; use a smaller batch size or width");
    }
    Tensor dense = Tensor.zeros(rows(), width);
    float[] d = dense.data();
    for (int i = 0; i < rows(); i++) {
      // A column listed twice in a row keeps its last value, as LibSVM files always read.
      for (int j = offsets[i]; j < offsets[i + 1]; j++) d[i * width + columns[j]] = values[j];
    }
    return dense;
  }
}
