package io.mtl4j.classical;

import java.util.Arrays;

/** A small dense matrix [rows, cols] stored column-major: an inspection value (W, P, Q, L, S, Ω…). */
public record DenseMatrix(int rows, int cols, double[] values) {
  public DenseMatrix {
    if (rows < 0 || cols < 0 || values.length != rows * cols) {
      throw new IllegalArgumentException("values: length " + values.length + ", expected rows·cols = "
          + rows + "·" + cols);
    }
  }

  public double get(int row, int col) {
    return values[col * rows + row];
  }

  /** Copy as row arrays [rows][cols]. */
  public double[][] toRows() {
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) out[i][j] = get(i, j);
    }
    return out;
  }

  public double[] column(int col) {
    return Arrays.copyOfRange(values, col * rows, (col + 1) * rows);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DenseMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * rows + cols) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "DenseMatrix[" + rows + "×" + cols + "]";
  }
}
