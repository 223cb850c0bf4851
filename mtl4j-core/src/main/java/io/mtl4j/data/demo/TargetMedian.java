package io.mtl4j.data.demo;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/** Population median of y = g(z) + σ·e, z ~ N(0, c²), e ~ N(0, 1), by quadrature (no sampling). */
final class TargetMedian {
  // z/c on [-8, 8]: the Gaussian mass outside is ~1e-15. Step 0.001 resolves sin(α·z) for |α·c| up to ~100.
  private static final double Z_RANGE = 8.0;
  private static final int Z_POINTS = 16_001;
  // e on [-8, 8] with step 0.02: the noise is smooth, so a coarser grid is enough.
  private static final double E_RANGE = 8.0;
  private static final int E_POINTS = 801;
  private static final int BISECTIONS = 100; // halves the bracket down to rounding

  private TargetMedian() {}

  /**
   * The t with P(y ≤ t) = 1/2. The CDF is F(t) = Σ_j v_j·G(t − σ·e_j) where G is the CDF of g(z) on a
   * φ-weighted z grid, and v_j are φ weights on an e grid; F is monotone, so bisection finds t.
   * g need not be monotone (the sinusoids fold it), which is why G comes from sorting, not from inverting g.
   */
  static double of(DoubleUnaryOperator signal, double scale, double noiseStd) {
    double[] standardZ = grid(Z_RANGE, Z_POINTS);
    double[] zWeights = normalisedGaussianWeights(standardZ);
    double[] values = new double[Z_POINTS];
    for (int k = 0; k < Z_POINTS; k++) {
      values[k] = signal.applyAsDouble(scale * standardZ[k]);
    }
    Integer[] order = new Integer[Z_POINTS];
    Arrays.setAll(order, k -> k);
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] sortedValues = new double[Z_POINTS];
    double[] cumulative = new double[Z_POINTS];
    double running = 0.0;
    for (int k = 0; k < Z_POINTS; k++) {
      sortedValues[k] = values[order[k]];
      running += zWeights[order[k]];
      cumulative[k] = running;
    }
    double[] noise = noiseStd == 0.0 ? new double[] {0.0} : grid(E_RANGE, E_POINTS);
    double[] noiseWeights = normalisedGaussianWeights(noise);
    double lo = sortedValues[0] - noiseStd * E_RANGE - 1.0;
    double hi = sortedValues[Z_POINTS - 1] + noiseStd * E_RANGE + 1.0;
    for (int i = 0; i < BISECTIONS; i++) {
      double mid = 0.5 * (lo + hi);
      double cdf = 0.0;
      for (int j = 0; j < noise.length; j++) {
        cdf += noiseWeights[j] * cdfAt(sortedValues, cumulative, mid - noiseStd * noise[j]);
      }
      if (cdf < 0.5) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Weight of grid values ≤ t. */
  private static double cdfAt(double[] sortedValues, double[] cumulative, double t) {
    int lo = 0;
    int hi = sortedValues.length; // first index with value > t lies in [lo, hi]
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sortedValues[mid] <= t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? 0.0 : cumulative[lo - 1];
  }

  private static double[] grid(double range, int points) {
    double[] g = new double[points];
    for (int k = 0; k < points; k++) {
      g[k] = -range + 2.0 * range * k / (points - 1);
    }
    return g;
  }

  private static double[] normalisedGaussianWeights(double[] points) {
    double[] w = new double[points.length];
    double total = 0.0;
    for (int k = 0; k < points.length; k++) {
      w[k] = Math.exp(-0.5 * points[k] * points[k]);
      total += w[k];
    }
    for (int k = 0; k < points.length; k++) {
      w[k] /= total;
    }
    return w;
  }
}
