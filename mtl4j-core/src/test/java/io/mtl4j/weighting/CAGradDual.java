package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

/**
 * CAGrad's dual (min over the simplex of f(w) = wᵀ(GGᵀ)b + c·√(wᵀ(GGᵀ)w + 1e-8), b = 1/T) and its KKT test, for
 * checks that do not trust any solver: the Frank-Wolfe gap Σ_t w_t ∇f_t - min_t ∇f_t is ≥ 0 on the simplex and 0
 * exactly at a minimiser (f is convex), and bounds f(w) - f*.
 */
final class CAGradDual {
  /**
   * Gap allowed, relative to max |∇f_t|: forward differences (step √ε) and the QP step lose ~1e-8 of the gradient's
   * scale; 1e-3 leaves room for SLSQP stopping on |Δf| while still far below the gap of the start point 1/T.
   */
  static final double RELATIVE_GAP = 1e-3;
  /**
   * Absolute part: SLSQP stops when the predicted decrease |∇fᵀs| is below ftol = 1e-6 (absolute, as in scipy); for
   * a step s of the projected gradient that leaves a gap up to √2·√ftol, so tiny objectives get 2·√ftol.
   */
  static final double ABSOLUTE_GAP = 2e-3;

  static final double SIMPLEX = 1e-6;

  private CAGradDual() {}

  /** c = calpha·√(mean(GGᵀ) + 1e-8) + 1e-8, as LibMTL computes it. */
  static double radius(double[][] gram, double calpha) {
    double sum = 0;
    for (double[] row : gram) {
      for (double v : row) {
        sum += v;
      }
    }
    return calpha * Math.sqrt(sum / (gram.length * gram.length) + 1e-8) + 1e-8;
  }

  static double[] gradient(double[][] gram, double c, double[] w) {
    int t = w.length;
    double[] gw = Gram.times(gram, w);
    double q = Gram.dot(w, gw);
    double[] grad = new double[t];
    for (int i = 0; i < t; i++) {
      double linear = 0;
      for (int j = 0; j < t; j++) {
        linear += gram[i][j] / t;
      }
      grad[i] = linear + c * gw[i] / Math.sqrt(q + 1e-8);
    }
    return grad;
  }

  /** The Frank-Wolfe gap of w (≥ 0 for w on the simplex). */
  static double gap(double[][] gram, double c, double[] w) {
    double[] grad = gradient(gram, c, w);
    double least = Double.POSITIVE_INFINITY;
    double weighted = 0;
    for (int i = 0; i < w.length; i++) {
      least = Math.min(least, grad[i]);
      weighted += w[i] * grad[i];
    }
    return weighted - least;
  }

  /** The gap that still counts as a KKT point: RELATIVE_GAP·max|∇f| + ABSOLUTE_GAP. */
  static double allowedGap(double[][] gram, double c, double[] w) {
    double largest = 0;
    for (double g : gradient(gram, c, w)) {
      largest = Math.max(largest, Math.abs(g));
    }
    return RELATIVE_GAP * largest + ABSOLUTE_GAP;
  }

  /**
   * w lies on the simplex to SIMPLEX (SLSQP accepts a constraint violation below ftol = 1e-6) and satisfies the KKT
   * conditions to {@link #allowedGap}.
   */
  static boolean isKktPoint(double[][] gram, double c, double[] w) {
    double sum = 0;
    for (double v : w) {
      if (v < -SIMPLEX || v > 1 + SIMPLEX) {
        return false;
      }
      sum += v;
    }
    return Math.abs(sum - 1) <= SIMPLEX && gap(gram, c, w) <= allowedGap(gram, c, w);
  }
}
