package io.mtl4j.weighting;

import java.util.Arrays;

/** Projecting conflicting gradients (Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020). */
public final class PCGrad implements Weighting {
  /** LibMTL's guard against a zero gradient in the projection denominators. */
  private static final double EPS = 1e-8;

  @Override
  public Needs needs() {
    return Needs.SHARED_PARAM_GRADS;
  }

  @Override
  public boolean innerProductsOnly() {
    return true;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[][] g = ctx.taskGradients();
    double[] squaredNorm = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      squaredNorm[t] = Vectors.dot(g[t], g[t]);
    }
    double[] weights = Vectors.filled(tasks, 1.0);
    double[] shared = ctx.sharedGradient();
    Arrays.fill(shared, 0.0);
    RandomSource random = ctx.random();
    for (int i = 0; i < tasks; i++) {
      int[] order = identity(tasks);
      random.shuffle(order);
      Vectors.axpy(1.0, project(g[i], g, squaredNorm, order, weights), shared);
    }
    return new StepWeights(null, weights);
  }

  /**
   * Task i's gradient after projecting the running copy onto the normal plane of each ORIGINAL g_j, in
   * {@code order}, whenever they conflict (Eq. 1); {@code weights[j]} records the multiple of g_j added.
   */
  static double[] project(double[] gi, double[][] g, double[] squaredNorm, int[] order, double[] weights) {
    double[] pc = gi.clone();
    for (int j : order) {
      double gij = Vectors.dot(pc, g[j]);
      if (gij < 0.0) {
        double c = gij / (squaredNorm[j] + EPS);
        Vectors.axpy(-c, g[j], pc);
        weights[j] -= c;
      }
    }
    return pc;
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
