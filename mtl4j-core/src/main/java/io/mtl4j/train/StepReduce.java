package io.mtl4j.train;

import io.mtl4j.nn.ParameterBuffer;

/**
 * The global part's reductions: what the shards computed, summed in worker order (so a seed and a thread count give
 * bit-identical weights), into the step's one gradient buffer. Per-task quantities are reduced here once, before
 * the weighting runs on them.
 */
final class StepReduce {
  private final Shards shards;
  private final ParameterBuffer buffer;
  private final int shared;
  private final float[] gradient;      // [parameters]: the reduced gradient the optimizer steps with
  private final float[][] workerGradients;
  private final RowSparseGradients sparse;
  private final io.mtl4j.autodiff.TouchedRows[][] touched; // [worker][row-sparse table]

  StepReduce(Shards shards, ParameterBuffer buffer) {
    this.shards = shards;
    this.buffer = buffer;
    this.shared = buffer.sharedSize();
    this.gradient = new float[buffer.size()];
    this.workerGradients = new float[shards.workers()][];
    for (int w = 0; w < workerGradients.length; w++) workerGradients[w] = shards.pass(w).gradients();
    this.sparse = new RowSparseGradients(buffer);
    this.touched = new io.mtl4j.autodiff.TouchedRows[shards.workers()][];
    for (int w = 0; w < touched.length; w++) touched[w] = shards.pass(w).touchedRows();
  }

  /**
   * gradient[from, end) = Σ_w worker gradients, in worker order; parallel over coordinates. Of a row-sparse table
   * only the rows some worker touched are summed (the others are zero in every worker and stay zero here).
   */
  void sum(int from) {
    if (!sparse.any()) {
      sum(from, gradient.length);
      return;
    }
    for (int[] r : sparse.dense()) {
      if (r[1] > from) sum(Math.max(r[0], from), r[1]);
    }
    sparse.reduce(workerGradients, touched, gradient, from, shards.parallel());
  }

  /**
   * The ascending ranges outside which the reduced gradient is zero, for clipping and the update to visit: null
   * when the model has no row-sparse table (the whole buffer).
   */
  int[][] support() {
    return sparse.any() ? sparse.support() : null;
  }

  private void sum(int from, int to) {
    int[] bounds = shards.parallel().split(to - from);
    shards.runWorkers(w -> {
      for (int i = from + bounds[w], end = from + bounds[w + 1]; i < end; i++) {
        float s = 0f;
        for (float[] wg : workerGradients) s += wg[i];
        gradient[i] = s;
      }
    });
  }

  /**
   * The shared part from the weighting's combined gradient plus what is left in the worker buffers there (non-zero
   * only where a penalty touches shared parameters). {@code combined} null: the shared part already holds the
   * combination ({@link #combineRows}).
   */
  void shared(double[] combined) {
    for (int i = 0; i < shared; i++) {
      float s = 0f;
      for (float[] wg : workerGradients) s += wg[i];
      gradient[i] = (combined == null ? gradient[i] : (float) combined[i]) + s;
    }
  }

  /**
   * The whole gradient when the weighting combined the shared part: task-owned and other parameters summed over
   * workers, the shared part from {@code combined} ({@link #shared}), each head scaled by its task's scale.
   */
  void withCombinedShared(double[] combined, double[] scales) {
    sum(shared);
    shared(combined);
    scaleHeads(scales);
  }

  /** The shared part as Σ_t β_t·rows_t of the per-task rows summed over workers ({@link #sumTaskRows}). */
  void combineRows(float[][] rows, double[] beta) {
    TaskGradientRows.combine(rows, beta, gradient, 0);
  }

  /** Each task's head gradient times its loss scale. */
  void scaleHeads(double[] scales) {
    scaleHeads(buffer, gradient, scales);
  }

  /** The task-owned ranges of {@code gradient} times their task's loss scale (a scale of 1 changes nothing). */
  static void scaleHeads(ParameterBuffer buffer, float[] gradient, double[] scales) {
    for (int t = 0; t < scales.length; t++) {
      float scale = (float) scales[t];
      if (scale == 1f) continue;
      for (int[] r : buffer.rangesOwnedBy(t)) {
        for (int i = r[0]; i < r[1]; i++) gradient[i] *= scale;
      }
    }
  }

  /** rows of G [T][d] in double: each task's shared-parameter rows summed over workers, in worker order. */
  void gatherRows(double[][] rows) {
    for (int t = 0; t < rows.length; t++) {
      double[] row = rows[t];
      java.util.Arrays.fill(row, 0);
      for (int w = 0; w < workerGradients.length; w++) {
        float[] src = shards.pass(w).taskRows()[t];
        for (int i = 0; i < src.length; i++) row[i] += src[i];
      }
    }
  }

  /** Representation rows of G [T][B·R] in double: the shards' rows joined in worker (= row) order. */
  void joinRepresentationRows(double[][] rows) {
    for (int t = 0; t < rows.length; t++) {
      double[] row = rows[t];
      java.util.Arrays.fill(row, 0); // then added, not assigned: a -0 row entry becomes +0, as it always has
      int at = 0;
      for (int w = 0; w < workerGradients.length; w++) {
        float[] src = shards.pass(w).representationRows()[t];
        for (int i = 0; i < src.length; i++) row[at + i] += src[i];
        at += src.length;
      }
    }
  }

  /**
   * The shared-parameter rows summed over workers into {@code summed} [T][d] and their Gram matrix, both in one
   * pass parallel over coordinates (⟨a, b⟩ is additive over coordinates), partial Grams added in worker order.
   */
  double[][] sumTaskRowsAndGram(float[][] summed) {
    int tasks = summed.length;
    double[][][] partial = new double[workerGradients.length][tasks][tasks];
    int[] bounds = shards.parallel().split(shared);
    shards.runWorkers(w -> {
      sumTaskRows(summed, bounds[w], bounds[w + 1]);
      TaskGradientRows.gram(summed, bounds[w], bounds[w + 1], partial[w]);
    });
    return symmetric(partial);
  }

  private void sumTaskRows(float[][] summed, int from, int to) {
    for (int t = 0; t < summed.length; t++) {
      float[] sum = summed[t];
      System.arraycopy(shards.pass(0).taskRows()[t], from, sum, from, to - from);
      for (int w = 1; w < workerGradients.length; w++) {
        float[] part = shards.pass(w).taskRows()[t];
        for (int i = from; i < to; i++) sum[i] += part[i];
      }
    }
  }

  /** Σ over workers, in worker order, of lower-triangular partial Gram matrices, mirrored. */
  static double[][] symmetric(double[][][] partial) {
    int t = partial[0].length;
    double[][] gram = new double[t][t];
    for (double[][] p : partial) {
      for (int i = 0; i < t; i++) {
        for (int j = 0; j <= i; j++) gram[i][j] += p[i][j];
      }
    }
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < i; j++) gram[j][i] = gram[i][j];
    }
    return gram;
  }

  /** The reduced gradient [parameters]. */
  float[] gradient() {
    return gradient;
  }

  int sharedSize() {
    return shared;
  }
}
