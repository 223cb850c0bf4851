package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.Arrays;

/** Small dense helpers shared by the weightings; loops run in index order so results are reproducible. */
final class Vectors {
  private Vectors() {}

  static double dot(double[] a, double[] b) {
    return Gram.dot(a, b);
  }


  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  /** y += alpha * x. */
  static void axpy(double alpha, double[] x, double[] y) {
    for (int i = 0; i < y.length; i++) {
      y[i] += alpha * x[i];
    }
  }

  /** exp(x - max) / Σ exp(x - max). */
  static double[] softmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double[] e = new double[x.length];
    double sum = 0.0;
    for (int i = 0; i < x.length; i++) {
      e[i] = Math.exp(x[i] - max);
      sum += e[i];
    }
    for (int i = 0; i < x.length; i++) {
      e[i] /= sum;
    }
    return e;
  }

  static double[] filled(int n, double value) {
    double[] a = new double[n];
    Arrays.fill(a, value);
    return a;
  }

  static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  /** Row-major flattening of a matrix (for {@link Weighting#state()}). */
  static double[] flatten(double[][] a) {
    int n = 0;
    for (double[] row : a) {
      n += row.length;
    }
    double[] f = new double[n];
    int k = 0;
    for (double[] row : a) {
      System.arraycopy(row, 0, f, k, row.length);
      k += row.length;
    }
    return f;
  }

  /** Inverse of {@link #flatten} for a matrix of {@code rows} equal rows. */
  static double[][] unflatten(double[] flat, int rows) {
    if (flat.length % rows != 0) {
      throw new IllegalArgumentException(flat.length + " values do not form " + rows + " equal rows");
    }
    int cols = flat.length / rows;
    double[][] a = new double[rows][];
    for (int r = 0; r < rows; r++) a[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
    return a;
  }

  static double[] scalar(double v) {
    return new double[] {v};
  }
}
