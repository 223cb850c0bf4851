package io.mtl4j.weighting.solver;

import io.mtl4j.linalg.Linalg;

/**
 * Positive solution w of A w = w^(-1/α) (elementwise power) for a symmetric positive semi-definite A.
 *
 * <p>This is FairGrad's optimality condition (Ban &amp; Ji 2024, Eq. 7) and, with α = 1, Nash-MTL's (Navon et al.
 * 2022, Eq. 2). It is the stationarity condition of the strictly convex F(w) = ½ wᵀAw - Σ_i φ(w_i) with
 * φ'(w) = w^(-1/α), so damped Newton on F with a fraction-to-boundary rule converges to the unique root, with the
 * quadratic local rate needed for a residual near machine precision.
 */
public final class ReciprocalSystem {
  private static final int MAX_ITERATIONS = 200;
  private static final double RELATIVE_RESIDUAL = 1e-15;
  private static final double ARMIJO = 1e-4;

  private ReciprocalSystem() {}

  /** The root, started from {@code start} (all entries must be positive). */
  public static double[] solve(double[][] a, double alpha, double[] start) {
    if (!(alpha > 0) || Double.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha: " + alpha + "; expected a finite value > 0");
    }
    double[] w = start.clone();
    for (double v : w) {
      if (!(v > 0)) {
        throw new IllegalArgumentException("start: entries must be > 0, got " + v);
      }
    }
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double[] r = residual(a, w, alpha);
      if (converged(a, w, r, alpha)) {
        return w;
      }
      double[] step = newtonStep(a, w, r, alpha);
      if (step == null) {
        return w;
      }
      double[] next = lineSearch(a, w, r, step, alpha);
      if (next == null) {
        return w;
      }
      w = next;
    }
    return w;
  }

  /** A w - w^(-1/α). */
  public static double[] residual(double[][] a, double[] w, double alpha) {
    double[] r = Gram.times(a, w);
    for (int i = 0; i < w.length; i++) {
      r[i] -= Math.pow(1 / w[i], 1 / alpha);
    }
    return r;
  }

  private static boolean converged(double[][] a, double[] w, double[] r, double alpha) {
    for (int i = 0; i < w.length; i++) {
      double size = Math.pow(1 / w[i], 1 / alpha);
      if (Math.abs(r[i]) > RELATIVE_RESIDUAL * size) {
        return false;
      }
    }
    return true;
  }

  /** d with (A + diag(φ''-term)) d = -r, the Hessian of F being A + diag((1/α) w^(-1/α-1)). */
  private static double[] newtonStep(double[][] a, double[] w, double[] r, double alpha) {
    int n = w.length;
    double[][] h = new double[n][n];
    double[] rhs = new double[n];
    for (int i = 0; i < n; i++) {
      h[i] = a[i].clone();
      h[i][i] += Math.pow(w[i], -1 / alpha - 1) / alpha;
      rhs[i] = -r[i];
    }
    return Linalg.solve(h, rhs);
  }

  /**
   * Backtracking from the full step, capped at 0.99 of the way to the boundary w = 0. Accepts an Armijo decrease
   * of F, or, once F no longer resolves the change (near the root), any decrease of the residual.
   */
  private static double[] lineSearch(double[][] a, double[] w, double[] r, double[] d, double alpha) {
    double t = 1.0;
    for (int i = 0; i < w.length; i++) {
      if (d[i] < 0) {
        t = Math.min(t, 0.99 * w[i] / -d[i]);
      }
    }
    double f0 = objective(a, w, alpha);
    double slope = Gram.dot(r, d);
    double r0 = maxAbs(r);
    for (int k = 0; k < 60; k++) {
      double[] next = new double[w.length];
      for (int i = 0; i < w.length; i++) {
        next[i] = w[i] + t * d[i];
      }
      double f = objective(a, next, alpha);
      if (f <= f0 + ARMIJO * t * slope || maxAbs(residual(a, next, alpha)) < r0) {
        return next;
      }
      t *= 0.5;
    }
    return null;
  }

  private static double objective(double[][] a, double[] w, double alpha) {
    double f = 0.5 * Gram.quadratic(w, a, w);
    for (double v : w) {
      f -= alpha == 1.0 ? Math.log(v) : Math.pow(v, 1 - 1 / alpha) / (1 - 1 / alpha);
    }
    return f;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
