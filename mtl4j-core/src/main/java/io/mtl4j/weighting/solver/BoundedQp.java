package io.mtl4j.weighting.solver;

import io.mtl4j.linalg.Linalg;

/**
 * Exact solver of min ½ vᵀ Q v + cᵀ v subject to v ≥ lower, for a small symmetric positive definite Q.
 *
 * <p>Primal active-set method in the form of Lawson &amp; Hanson's NNLS (1974, ch. 23) applied to the shifted
 * variable w = v - lower ≥ 0: free one bound whose multiplier (Q v)_j is negative, solve the equality-constrained
 * problem on the free set, and step back to the boundary when a free variable would become negative. It stops at
 * a point satisfying the KKT conditions, so the result is the unique optimum up to rounding.
 */
public final class BoundedQp {
  private BoundedQp() {}

  /** The minimiser v of vᵀ Q v with v ≥ lower (elementwise). */
  public static double[] minimize(double[][] q, double[] lower) {
    return minimize(q, new double[lower.length], lower);
  }

  /** The minimiser v of ½ vᵀ Q v + linearᵀ v with v ≥ lower (elementwise). */
  public static double[] minimize(double[][] q, double[] linear, double[] lower) {
    int n = lower.length;
    // Objective in w = v - lower: ½ wᵀ Q w + cᵀ w with c = Q·lower + linear.
    double[] c = Gram.times(q, lower);
    for (int i = 0; i < n; i++) {
      c[i] += linear[i];
    }
    double scale = 0;
    for (int i = 0; i < n; i++) {
      scale = Math.max(scale, Math.abs(q[i][i]));
      scale = Math.max(scale, Math.abs(c[i]));
    }
    double tol = 1e-14 * Math.max(scale, Double.MIN_NORMAL);
    boolean[] free = new boolean[n];
    double[] w = new double[n];
    int maxIterations = 10 * n + 50;
    for (int iter = 0; iter < maxIterations; iter++) {
      double[] grad = Gram.times(q, w);
      int enter = -1;
      double most = -tol;
      for (int j = 0; j < n; j++) {
        grad[j] += c[j];
        if (!free[j] && grad[j] < most) {
          most = grad[j];
          enter = j;
        }
      }
      if (enter < 0) {
        break;
      }
      free[enter] = true;
      w = descendOnFreeSet(q, c, free, w);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lower[i] + w[i];
    }
    return v;
  }

  /** Inner loop: move to the free-set optimum, dropping variables that hit zero on the way. */
  private static double[] descendOnFreeSet(double[][] q, double[] c, boolean[] free, double[] start) {
    int n = c.length;
    double[] w = start.clone();
    for (int guard = 0; guard <= n; guard++) {
      double[] z = freeSetOptimum(q, c, free);
      double step = 1.0;
      int blocking = -1;
      for (int i = 0; i < n; i++) {
        if (free[i] && z[i] <= 0) {
          double s = w[i] / (w[i] - z[i]);
          if (s < step) {
            step = s;
            blocking = i;
          }
        }
      }
      if (blocking < 0) {
        return z;
      }
      for (int i = 0; i < n; i++) {
        w[i] += step * (z[i] - w[i]);
      }
      for (int i = 0; i < n; i++) {
        if (free[i] && (i == blocking || w[i] <= 0)) {
          free[i] = false;
          w[i] = 0;
        }
      }
    }
    return w;
  }

  /** Solves Q_PP z_P = -c_P on the free set P, with z = 0 elsewhere. */
  private static double[] freeSetOptimum(double[][] q, double[] c, boolean[] free) {
    int n = c.length;
    int[] idx = new int[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (free[i]) {
        idx[m++] = i;
      }
    }
    double[][] sub = new double[m][m];
    double[] rhs = new double[m];
    for (int a = 0; a < m; a++) {
      for (int b = 0; b < m; b++) {
        sub[a][b] = q[idx[a]][idx[b]];
      }
      rhs[a] = -c[idx[a]];
    }
    double[] sol = Linalg.solve(sub, rhs);
    if (sol == null) {
      throw new IllegalArgumentException("q: singular on a free set; the QP needs a positive definite matrix");
    }
    double[] z = new double[n];
    for (int a = 0; a < m; a++) {
      z[idx[a]] = sol[a];
    }
    return z;
  }
}
