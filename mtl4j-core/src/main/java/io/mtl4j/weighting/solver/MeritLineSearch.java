package io.mtl4j.weighting.solver;

/**
 * The inexact line search of {@link Slsqp} on the L1 merit function φ(x) = f(x) + Σ_j μ_j·v_j(x), v_j the violation
 * of constraint j (Kraft 1988, Sec. 2.3): accept the first step with φ(x0 + αs) - φ(x0) ≤ α·φ'/10, else shrink α by
 * safeguarded quadratic interpolation (at least 0.1 of the previous α), at most eleven trials as in Kraft's code.
 */
final class MeritLineSearch {
  private static final double ALPHA_MIN = 0.1;
  private static final int MAX_LINE_STEPS = 10;

  private final SlsqpEvaluator evaluator;
  private final int m;
  private final int meq;

  /** f and the constraints at the accepted point. */
  record Point(double f, double[] c) {}

  MeritLineSearch(SlsqpEvaluator evaluator, int m, int meq) {
    this.evaluator = evaluator;
    this.m = m;
    this.meq = meq;
  }

  /**
   * Searches from x0 along s; on return x = x0 + s with s shortened in place to the accepted step.
   *
   * @param slope  the merit function's directional derivative along s (negative)
   * @param merit0 φ(x0)
   * @param mu     the penalty weights μ
   */
  Point search(double[] x0, double[] s, double[] x, double slope, double merit0, double[] mu) {
    int n = x0.length;
    int line = 0;
    double alpha = 1;
    double h3 = slope;
    while (true) {
      line++;
      h3 = alpha * h3;
      for (int i = 0; i < n; i++) {
        s[i] *= alpha;
        x[i] = x0[i] + s[i];
      }
      double f = evaluator.objective(x);
      double[] c = evaluator.constraints(x);
      double h1 = f + penalty(mu, c) - merit0;
      if (h1 <= h3 / 10 || line > MAX_LINE_STEPS) {
        return new Point(f, c);
      }
      alpha = Math.max(h3 / (2 * (h3 - h1)), ALPHA_MIN);
    }
  }

  /** Σ_j μ_j·v_j(c). */
  double penalty(double[] mu, double[] c) {
    double h = 0;
    for (int j = 1; j <= m; j++) {
      h += mu[j - 1] * Math.max(-c[j - 1], j <= meq ? c[j - 1] : 0);
    }
    return h;
  }

  /** Σ_j v_j(c): |c_j| for equalities, max(-c_j, 0) for inequalities. */
  double violation(double[] c) {
    double h = 0;
    for (int j = 1; j <= m; j++) {
      h += Math.max(-c[j - 1], j <= meq ? c[j - 1] : 0);
    }
    return h;
  }
}
