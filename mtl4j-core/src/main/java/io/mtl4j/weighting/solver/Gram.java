package io.mtl4j.weighting.solver;

/** Gram matrices and small dense helpers for [T, d] task-gradient matrices. */
public final class Gram {
  private Gram() {}

  /** G Gᵀ for gradients [T, d]. */
  public static double[][] of(double[][] gradients) {
    int t = gradients.length;
    double[][] gram = new double[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j <= i; j++) {
        double dot = dot(gradients[i], gradients[j]);
        gram[i][j] = dot;
        gram[j][i] = dot;
      }
    }
    return gram;
  }

  public static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Σ_t weights_t·rows_t, [d]. */
  public static double[] combine(double[] weights, double[][] rows) {
    return combine(weights, rows, new double[rows[0].length]);
  }

  /**
   * out = Σ_t weights_t·rows_t, accumulated task by task (LibMTL's {@code _backward_new_grads} order); returns out.
   */
  public static double[] combine(double[] weights, double[][] rows, double[] out) {
    java.util.Arrays.fill(out, 0.0);
    for (int t = 0; t < rows.length; t++) {
      double w = weights[t];
      double[] row = rows[t];
      for (int i = 0; i < out.length; i++) {
        out[i] += w * row[i];
      }
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
