package io.mtl4j.train;

import io.mtl4j.tensor.Blas;

/**
 * Per-task gradient rows in float, as the trainer holds them: their Gram matrix and their weighted sum, each in one
 * chunked pass over memory (a chunk of every row stays in cache while all pairs use it). Public for the gradient
 * geometry that {@code io.mtl4j.analysis} samples during training.
 */
public final class TaskGradientRows {
  /** Rows short enough that all T of a chunk stay in the L1/L2 cache while every pair is multiplied. */
  private static final int CHUNK = 2048;

  /** Lower triangle of the Gram matrix of the rows' [from, to) parts: one chunked pass, double accumulation. */
  public static void gram(float[][] rows, int from, int to, double[][] gram) {
    for (int at = from; at < to; at += CHUNK) {
      int len = Math.min(CHUNK, to - at);
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j <= i; j++) gram[i][j] += Blas.sdsdot(len, rows[i], at, rows[j], at);
      }
    }
  }

  /** out = Σ_t β_t·rows_t, one pass over memory (chunked; BLAS saxpy, which C2 would not vectorize at an offset). */
  static void combine(float[][] rows, double[] beta, float[] out, int offset) {
    int n = rows[0].length;
    for (int from = 0; from < n; from += CHUNK) {
      int len = Math.min(CHUNK, n - from);
      java.util.Arrays.fill(out, offset + from, offset + from + len, 0f);
      for (int t = 0; t < rows.length; t++) {
        if (beta[t] != 0) Blas.saxpy(len, (float) beta[t], rows[t], from, out, offset + from);
      }
    }
  }

  private TaskGradientRows() {}
}
