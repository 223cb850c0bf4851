package io.mtl4j.classical;

/**
 * Probabilities from classifier margins (Platt, Probabilistic Outputs for Support Vector Machines, 1999, with the
 * Newton method of Lin, Lin &amp; Weng, A Note on Platt's Probabilistic Outputs for SVMs, 2007):
 * P(y = 1 | f) = 1 / (1 + exp(A·f + B)), A and B fitted by regularised maximum likelihood on (margin, label) pairs.
 *
 * @param a A (negative when larger margins mean the positive class)
 * @param b B
 */
public record PlattScaling(double a, double b) {
  private static final int MAX_ITERATIONS = 100;
  private static final double MIN_STEP = 1e-10;
  private static final double SIGMA = 1e-12;
  private static final double EPS = 1e-5;

  public PlattScaling {
    if (!Double.isFinite(a) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("PlattScaling: a = " + a + ", b = " + b + ", expected finite numbers");
    }
  }

  /** P(y = 1) for the margin {@code f}. */
  public double probability(double f) {
    double z = a * f + b;
    // Written so that exp never overflows: both forms are 1 / (1 + exp(z)).
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  }

  /**
   * Fits A and B to margins {@code f} and labels {@code y} (+1 or −1). Targets are Platt's smoothed
   * (N₊ + 1)/(N₊ + 2) and 1/(N₋ + 2), so one class alone still gives finite A and B.
   */
  public static PlattScaling fit(double[] f, double[] y) {
    if (f.length != y.length || f.length == 0) {
      throw new IllegalArgumentException("f and y: need the same non-zero length, got " + f.length + " and " + y.length);
    }
    int positives = 0;
    for (double label : y) if (label > 0) positives++;
    int negatives = y.length - positives;
    double hi = (positives + 1.0) / (positives + 2.0), lo = 1 / (negatives + 2.0);
    double[] t = new double[y.length];
    for (int i = 0; i < y.length; i++) t[i] = y[i] > 0 ? hi : lo;
    double a = 0, b = Math.log((negatives + 1.0) / (positives + 1.0));
    double value = objective(f, t, a, b);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      // Gradient and Hessian of the cross-entropy in (A, B), with a tiny ridge on the Hessian (Lin et al., Alg. 1).
      double h11 = SIGMA, h22 = SIGMA, h21 = 0, g1 = 0, g2 = 0;
      for (int i = 0; i < f.length; i++) {
        double p = new PlattScaling(a, b).probability(f[i]), q = 1 - p;
        double d2 = p * q, d1 = t[i] - p;
        h11 += f[i] * f[i] * d2;
        h22 += d2;
        h21 += f[i] * d2;
        g1 += f[i] * d1;
        g2 += d1;
      }
      if (Math.abs(g1) < EPS && Math.abs(g2) < EPS) break;
      double det = h11 * h22 - h21 * h21;
      double da = -(h22 * g1 - h21 * g2) / det, db = -(-h21 * g1 + h11 * g2) / det;
      double gd = g1 * da + g2 * db, step = 1;
      while (step >= MIN_STEP) {
        double na = a + step * da, nb = b + step * db, nv = objective(f, t, na, nb);
        if (nv < value + 1e-4 * step * gd) {
          a = na;
          b = nb;
          value = nv;
          break;
        }
        step /= 2;
      }
      if (step < MIN_STEP) break;
    }
    return new PlattScaling(a, b);
  }

  /** Cross-entropy of targets t under P = 1/(1 + exp(A·f + B)), computed without overflow. */
  private static double objective(double[] f, double[] t, double a, double b) {
    double s = 0;
    for (int i = 0; i < f.length; i++) {
      double z = a * f[i] + b;
      s += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return s;
  }
}
