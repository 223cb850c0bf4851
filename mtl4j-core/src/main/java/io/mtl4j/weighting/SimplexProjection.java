package io.mtl4j.weighting;

import java.util.Arrays;

/**
 * Euclidean projections onto the probability simplex in the two forms LibMTL uses; they differ in their
 * tie and fall-back rules, which show in the last bits, so each method keeps its own.
 */
final class SimplexProjection {
  private SimplexProjection() {}

  /** MoDo's form: scan the sorted values for the first threshold above the next value, else (Σy − 1)/n. */
  static double[] firstCrossing(double[] y) {
    int n = y.length;
    double[] sorted = descending(y);
    double sum = 0.0;
    for (double v : y) {
      sum += v;
    }
    double threshold = (sum - 1.0) / n;
    double partial = 0.0;
    for (int i = 0; i < n - 1; i++) {
      partial += sorted[i];
      double candidate = (partial - 1.0) / (i + 1.0);
      if (candidate > sorted[i + 1]) {
        threshold = candidate;
        break;
      }
    }
    return shifted(y, threshold);
  }

  /** SDMGrad's form (Duchi et al. 2008): unchanged if already on the simplex, else the last active index. */
  static double[] lastActive(double[] v) {
    int n = v.length;
    double sum = 0.0;
    boolean nonNegative = true;
    for (double x : v) {
      sum += x;
      nonNegative &= x >= 0.0;
    }
    if (sum == 1.0 && nonNegative) {
      return v.clone();
    }
    double[] u = descending(v);
    double cumulative = 0.0;
    double theta = 0.0;
    for (int i = 0; i < n; i++) {
      cumulative += u[i];
      if (u[i] * (i + 1) > cumulative - 1.0) {
        theta = (cumulative - 1.0) / (i + 1);
      }
    }
    return shifted(v, theta);
  }

  private static double[] descending(double[] y) {
    double[] s = y.clone();
    Arrays.sort(s);
    for (int i = 0, j = s.length - 1; i < j; i++, j--) {
      double tmp = s[i];
      s[i] = s[j];
      s[j] = tmp;
    }
    return s;
  }

  private static double[] shifted(double[] y, double threshold) {
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = Math.max(y[i] - threshold, 0.0);
    }
    return out;
  }
}
