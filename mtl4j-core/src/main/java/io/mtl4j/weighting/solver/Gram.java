package io.mtl4j.weighting.solver;

/**
 * Gram matrices and small dense helpers for [T, d] task-gradient matrices.
 *
 * <p>The passes over d are blocked: every task's chunk of {@link #CHUNK} elements is read from memory once and
 * stays in cache while all pairs (or all tasks of a combination) use it, so a Gram matrix costs one pass over the
 * gradients instead of T(T+1)/2 passes over two of them. Per pair the chunk sums are added in chunk order, so
 * results repeat bit for bit from run to run.
 */
public final class Gram {
  /** Elements per chunk: T chunks of 16 KB fit in L2 for the task counts weightings see. */
  public static final int CHUNK = 2048;

  private Gram() {}

  /** G Gᵀ for gradients [T, d]. */
  public static double[][] of(double[][] gradients) {
    return of(gradients, 0, gradients[0].length);
  }

  /** G Gᵀ over the columns [from, to) of gradients [T, d]. */
  public static double[][] of(double[][] gradients, int from, int to) {
    double[][] gram = new double[gradients.length][gradients.length];
    for (int start = from; start < to; start += CHUNK) {
      accumulate(gradients, start, Math.min(to, start + CHUNK), gram);
    }
    return gram;
  }

  /**
   * Adds the Gram matrix of the columns [from, to) to {@code gram}: for a caller that produces its rows chunk by
   * chunk and forms their Gram matrix while the chunk is in cache. Over the chunks [k·CHUNK, (k+1)·CHUNK) in
   * order it adds up to exactly {@link #of}.
   */
  public static void accumulate(double[][] rows, int from, int to, double[][] gram) {
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j <= i; j++) {
        double dot = DotKernels.dot(rows[i], rows[j], from, to);
        gram[i][j] += dot;
        if (j < i) {
          gram[j][i] += dot;
        }
      }
    }
  }

  /** A Bᵀ for a [T, d] and b [S, d]: entry (i, j) is a_i·b_j; one blocked pass over both. */
  public static double[][] cross(double[][] a, double[][] b) {
    int d = a[0].length;
    double[][] out = new double[a.length][b.length];
    for (int start = 0; start < d; start += CHUNK) {
      int end = Math.min(d, start + CHUNK);
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < b.length; j++) {
          out[i][j] += DotKernels.dot(a[i], b[j], start, end);
        }
      }
    }
    return out;
  }

  public static double dot(double[] a, double[] b) {
    return dot(a, b, 0, a.length);
  }

  /** Dot product over the block [from, to). */
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
   * out = Σ_t weights_t·rows_t, accumulated task by task (LibMTL's {@code _backward_new_grads} order) chunk by
   * chunk, so out is written once; returns out. out must not be one of the rows.
   */
  public static double[] combine(double[] weights, double[][] rows, double[] out) {
    return combine(weights, rows, out, 0, out.length);
  }

  /** {@link #combine(double[], double[][], double[])} on the columns [from, to) only. */
  public static double[] combine(double[] weights, double[][] rows, double[] out, int from, int to) {
    for (int start = from; start < to; start += CHUNK) {
      int end = Math.min(to, start + CHUNK);
      double w0 = weights[0];
      double[] r0 = rows[0];
      for (int i = start; i < end; i++) {
        out[i] = w0 * r0[i];
      }
      for (int t = 1; t < rows.length; t++) {
        double w = weights[t];
        double[] row = rows[t];
        for (int i = start; i < end; i++) {
          out[i] += w * row[i];
        }
      }
    }
    return out;
  }

  /** The squared norms ‖rows_t‖², the diagonal of {@link #of} without the other pairs. */
  public static double[] squaredNorms(double[][] rows) {
    double[] out = new double[rows.length];
    for (int t = 0; t < rows.length; t++) {
      out[t] = dot(rows[t], rows[t]);
    }
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
