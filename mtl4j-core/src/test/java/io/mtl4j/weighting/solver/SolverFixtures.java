package io.mtl4j.weighting.solver;

import io.mtl4j.linalg.Linalg;
import java.util.SplittableRandom;

/** Seeded inputs and exact reference solutions shared by the solver tests. */
final class SolverFixtures {
  private SolverFixtures() {}

  static double[][] gaussian(SplittableRandom random, int rows, int cols) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = random.nextGaussian();
      }
    }
    return m;
  }

  /** Gram matrix of T random gradients of dimension d (singular when T &gt; d). */
  static double[][] randomGram(long seed, int tasks, int dim) {
    return Gram.of(gaussian(new SplittableRandom(seed), tasks, dim));
  }

  static double quadratic(double[][] m, double[] w) {
    return Gram.quadratic(w, m, w);
  }

  /**
   * Exact min of wᵀ M w over the probability simplex by enumerating supports: on each support S the optimum of the
   * equality-constrained problem solves [M_SS 1; 1ᵀ 0][w; λ] = [0; 1]; the best feasible one over all S is optimal.
   */
  static double exactMinNorm(double[][] gram) {
    int n = gram.length;
    double best = Double.POSITIVE_INFINITY;
    for (int bits = 1; bits < (1 << n); bits++) {
      final int mask = bits;
      int[] idx = java.util.stream.IntStream.range(0, n).filter(i -> ((mask >> i) & 1) == 1).toArray();
      int k = idx.length;
      double[][] kkt = new double[k + 1][k + 1];
      double[] rhs = new double[k + 1];
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          kkt[a][b] = gram[idx[a]][idx[b]];
        }
        kkt[a][k] = 1;
        kkt[k][a] = 1;
      }
      rhs[k] = 1;
      double[] sol = Linalg.solve(kkt, rhs);
      if (sol == null) {
        continue;
      }
      double[] w = new double[n];
      boolean feasible = true;
      for (int a = 0; a < k; a++) {
        feasible &= sol[a] >= -1e-12;
        w[idx[a]] = Math.max(sol[a], 0);
      }
      if (feasible) {
        best = Math.min(best, quadratic(gram, w));
      }
    }
    return best;
  }
}
