package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

/** Projecting conflicting gradients (Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020). */
public final class PCGrad implements Weighting {
  /** LibMTL's guard against a zero gradient in the projection denominators. */
  private static final double EPS = 1e-8;

  @Override
  public Requirements requirements() { return Requirements.INNER_PRODUCTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[][] g = ctx.taskGradients();
    // Every projected gradient is a combination of the original g's, so the projections run on the Gram matrix
    // (T×T) and the update Σ_i pc_i = Σ_j weights_j·g_j costs one pass over the gradients.
    double[][] gram = Gram.of(g);
    double[] weights = Vectors.filled(tasks, 1.0);
    RandomSource random = ctx.random();
    for (int i = 0; i < tasks; i++) {
      int[] order = identity(tasks);
      random.shuffle(order);
      project(i, gram, order, weights);
    }
    Gram.combine(weights, g, ctx.sharedGradient());
    return new StepWeights(null, weights);
  }

  /**
   * Task i's gradient after projecting the running copy onto the normal plane of each ORIGINAL g_j, in
   * {@code order}, whenever they conflict (Eq. 1), as coefficients c over the g's (pc_i = Σ_j c_j·g_j) given
   * their Gram matrix; {@code weights[j]} also receives the multiple of g_j added.
   */
  static double[] project(int i, double[][] gram, int[] order, double[] weights) {
    int tasks = gram.length;
    double[] c = new double[tasks];
    c[i] = 1.0;
    for (int j : order) {
      double gij = 0.0;
      for (int k = 0; k < tasks; k++) {
        gij += c[k] * gram[k][j];
      }
      if (gij < 0.0) {
        double step = gij / (gram[j][j] + EPS);
        c[j] -= step;
        weights[j] -= step;
      }
    }
    return c;
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
