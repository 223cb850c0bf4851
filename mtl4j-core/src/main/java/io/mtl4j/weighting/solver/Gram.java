package io.mtl4j.weighting.solver;

import java.util.Arrays;

/**
 * Gram matrices and small dense helpers for [T, d] task-gradient matrices.
 *
 * <p>The passes over d are blocked: each task's chunk of {@link #CHUNK} elements is read from memory once and
 * stays in cache while all pairs are formed from it in register tiles, so a Gram matrix costs one pass over the
 * gradients instead of T(T+1)/2 passes over two of them. Every product is summed in the same order wherever it is
 * formed (per chunk, then the chunks in order), so a Gram entry equals {@link #dot} of its two rows bit for bit
 * and results repeat from run to run.
 */
public final class Gram {
  /** Elements per chunk: T chunks of 16 KB stay in L2 while all pairs are formed. */
  public static final int CHUNK = 2048;

  private Gram() {}

  /** G Gᵀ for gradients [T, d]. */
  public static double[][] of(double[][] gradients) {
    return of(gradients, 0, gradients[0].length);
  }

  /** G Gᵀ over the columns [from, to) of gradients [T, d]. */
  public static double[][] of(double[][] gradients, int from, int to) {
    Accumulator gram = new Accumulator(gradients.length);
    for (int start = from; start < to; start += CHUNK) {
      gram.add(gradients, start, Math.min(to, start + CHUNK));
    }
    return gram.gram();
  }

  /**
   * A Gram matrix formed chunk by chunk, for a caller that produces its rows chunk by chunk and uses each chunk
   * while it is in cache. Adding the chunks [k·CHUNK, (k+1)·CHUNK) in order gives exactly {@link #of}.
   */
  public static final class Accumulator {
    private final double[][] gram;
    private final double[] tile = new double[8];

    public Accumulator(int tasks) {
      gram = new double[tasks][tasks];
    }

    /** Adds the Gram matrix of the columns [from, to) of rows [T, d]. */
    public void add(double[][] rows, int from, int to) {
      // Rows i and i+1 against columns 0..i+1 (the spare product (i, i+1) is dropped), a last odd row alone.
      int t = rows.length;
      for (int i = 0; i < t; i += 2) {
        double[] second = i + 1 < t ? rows[i + 1] : null;
        int columns = second != null ? i + 2 : i + 1;
        for (int j = 0; j < columns; ) {
          int width = tile(rows[i], second, rows, j, columns, from, to, tile);
          for (int k = 0; k < width && j + k < columns; k++) {
            if (j + k <= i) {
              symmetricAdd(i, j + k, tile[k]);
            }
            if (second != null) {
              symmetricAdd(i + 1, j + k, tile[4 + k]);
            }
          }
          j += width;
        }
      }
    }

    /** The matrix so far (the live array, not a copy). */
    public double[][] gram() {
      return gram;
    }

    private void symmetricAdd(int i, int j, double value) {
      gram[i][j] += value;
      if (i != j) {
        gram[j][i] += value;
      }
    }
  }

  /** A Bᵀ for a [T, d] and b [S, d]: entry (i, j) is a_i·b_j; one blocked pass over both. */
  public static double[][] cross(double[][] a, double[][] b) {
    int d = a[0].length;
    int s = b.length;
    double[][] out = new double[a.length][s];
    double[] tile = new double[8];
    for (int from = 0; from < d; from += CHUNK) {
      int to = Math.min(d, from + CHUNK);
      for (int i = 0; i < a.length; i += 2) {
        double[] second = i + 1 < a.length ? a[i + 1] : null;
        for (int j = 0; j < s; ) {
          int width = tile(a[i], second, b, j, s, from, to, tile);
          for (int k = 0; k < width && j + k < s; k++) {
            out[i][j + k] += tile[k];
            if (second != null) {
              out[i + 1][j + k] += tile[4 + k];
            }
          }
          j += width;
        }
      }
    }
    return out;
  }

  /**
   * One register tile over [from, to): tile[k] = a·b_{j+k} and, when {@code second} is not null, tile[4 + k] =
   * second·b_{j+k}. Two rows take two columns, one row four (past {@code columns} the last column repeats), so
   * at least four independent sums run side by side; returns the number of columns covered.
   */
  private static int tile(double[] a, double[] second, double[][] b, int j, int columns, int from, int to,
      double[] tile) {
    Arrays.fill(tile, 0.0);
    int last = columns - 1;
    if (second != null) {
      DotKernels.dot2x2(a, second, b[j], b[Math.min(j + 1, last)], from, to, tile);
      return 2;
    }
    DotKernels.dot1x4(a, b[j], b[Math.min(j + 1, last)], b[Math.min(j + 2, last)], b[Math.min(j + 3, last)], from,
        to, tile);
    return 4;
  }

  public static double dot(double[] a, double[] b) {
    return dot(a, b, 0, a.length);
  }

  /** Dot product over the block [from, to), chunk by chunk like {@link #of}. */
  public static double dot(double[] a, double[] b, int from, int to) {
    double s = 0;
    for (int start = from; start < to; start += CHUNK) {
      s += DotKernels.dot(a, b, start, Math.min(to, start + CHUNK));
    }
    return s;
  }

  /** Σ_t weights_t·rows_t, [d]. */
  public static double[] combine(double[] weights, double[][] rows) {
    return combine(weights, rows, new double[rows[0].length]);
  }

  /**
   * out = Σ_t weights_t·rows_t, accumulated task by task (LibMTL's {@code _backward_new_grads} order) element by
   * element, so out is written once; returns out. out must not be one of the rows.
   */
  public static double[] combine(double[] weights, double[][] rows, double[] out) {
    return combine(weights, rows, out, 0, out.length);
  }

  /** {@link #combine(double[], double[][], double[])} on the columns [from, to) only. */
  public static double[] combine(double[] weights, double[][] rows, double[] out, int from, int to) {
    DotKernels.combine(weights, rows, out, from, to);
    return out;
  }

  /** matrix · vector. */
  public static double[] times(double[][] matrix, double[] vector) {
    double[] out = new double[matrix.length];
    for (int i = 0; i < matrix.length; i++) {
      out[i] = dot(matrix[i], vector);
    }
    return out;
  }

  /** xᵀ M y. */
  public static double quadratic(double[] x, double[][] matrix, double[] y) {
    return dot(x, times(matrix, y));
  }

  public static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }
}
