package io.mtl4j.weighting;

/** Projecting conflicting gradients (Yu et al., "Gradient Surgery for Multi-Task Learning", NeurIPS 2020). */
public final class PCGrad implements Weighting {
  /** LibMTL's guard against a zero gradient in the projection denominators. */
  private static final double EPS = 1e-8;

  @Override
  public Needs needs() {
    return Needs.SHARED_PARAM_GRADS;
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
    java.util.Arrays.fill(shared, 0.0);
    RandomSource random = ctx.random();
    for (int i = 0; i < tasks; i++) {
      double[] pc = g[i].clone();
      int[] order = identity(tasks);
      random.shuffle(order);
      for (int j : order) {
        // project the running g_i onto the normal plane of the ORIGINAL g_j when they conflict (Eq. 1)
        double gij = Vectors.dot(pc, g[j]);
        if (gij < 0.0) {
          double c = gij / (squaredNorm[j] + EPS);
          Vectors.axpy(-c, g[j], pc);
          weights[j] -= c;
        }
      }
      Vectors.axpy(1.0, pc, shared);
    }
    return new StepWeights(null, weights);
  }

  static int[] identity(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }
}
