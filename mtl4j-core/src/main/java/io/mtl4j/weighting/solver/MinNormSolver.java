package io.mtl4j.weighting.solver;

import java.util.Arrays;

/**
 * Min-norm point of the convex hull of T vectors, given their Gram matrix M: argmin over the simplex of wᵀ M w.
 *
 * <p>Follows the solver of Sener &amp; Koltun (2018, Alg. 2) as LibMTL runs it, so that results agree with LibMTL's
 * iterates and not only with the optimum: start from the best pair (the exact 2-vector solution, Eq. 3), then at
 * most {@link #MAX_ITERATIONS} Frank-Wolfe-like steps toward a projected-gradient point, each followed by the exact
 * line search between the two points; stop when the L1 change of the weights falls below {@link #STOP_CRITERION}.
 * For T = 2 the pair solution is exact and returned directly.
 */
public final class MinNormSolver {
  public static final int MAX_ITERATIONS = 250;
  public static final double STOP_CRITERION = 1e-5;

  /** Step lengths below this count as "already at that face" when choosing the step to the simplex boundary. */
  private static final double MIN_STEP = 1e-7;

  private MinNormSolver() {}

  /** Weights w on the simplex minimising wᵀ M w (approximately for T ≥ 3, see the class comment). */
  public static double[] solve(double[][] gram) {
    int n = gram.length;
    if (n == 0) {
      throw new IllegalArgumentException("gram: need at least one task, got an empty matrix");
    }
    if (n == 1) {
      return new double[] {1.0};
    }
    double[] sol = bestPair(gram);
    if (n == 2) {
      return sol;
    }
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      double[] gradDir = Gram.times(gram, sol);
      for (int i = 0; i < n; i++) {
        gradDir[i] = -gradDir[i];
      }
      double[] next = nextPoint(sol, gradDir);
      double v11 = Gram.quadratic(sol, gram, sol);
      double v12 = Gram.quadratic(sol, gram, next);
      double v22 = Gram.quadratic(next, gram, next);
      double gamma = segment(v11, v12, v22)[0];
      double change = 0;
      double[] candidate = new double[n];
      for (int i = 0; i < n; i++) {
        candidate[i] = gamma * sol[i] + (1 - gamma) * next[i];
        change += Math.abs(candidate[i] - sol[i]);
      }
      if (change < STOP_CRITERION) {
        return sol;
      }
      sol = candidate;
    }
    return sol;
  }

  /**
   * Min-norm point of the segment between x1 and x2 given v11 = x1·x1, v12 = x1·x2, v22 = x2·x2: returns
   * {γ, cost} with the point γ·x1 + (1-γ)·x2 (Eq. 3). At an end point γ is 0.999 / 0.001 rather than 1 / 0,
   * as in the reference implementation, so both vectors keep a small weight.
   */
  static double[] segment(double v11, double v12, double v22) {
    if (v12 >= v11) {
      return new double[] {0.999, v11};
    }
    if (v12 >= v22) {
      return new double[] {0.001, v22};
    }
    double gamma = -1.0 * ((v12 - v22) / (v11 + v22 - 2 * v12));
    return new double[] {gamma, v22 + gamma * (v12 - v22)};
  }

  /** Weights of the pair (i, j) whose segment has the smallest min-norm cost, first pair on ties. */
  private static double[] bestPair(double[][] gram) {
    int n = gram.length;
    double best = Double.POSITIVE_INFINITY;
    int bi = 0;
    int bj = 1;
    double bestGamma = Double.NaN;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double[] gc = segment(gram[i][i], gram[i][j], gram[j][j]);
        if (gc[1] < best) {
          best = gc[1];
          bi = i;
          bj = j;
          bestGamma = gc[0];
        }
      }
    }
    if (Double.isNaN(bestGamma)) {
      // Every pair cost is NaN (non-finite gradients): keep the first pair, weight 1/2 each.
      bestGamma = 0.5;
    }
    double[] sol = new double[n];
    sol[bi] = bestGamma;
    sol[bj] = 1 - bestGamma;
    return sol;
  }

  /** Moves from cur along the mean-free direction to the nearest face of the simplex, then projects back onto it. */
  private static double[] nextPoint(double[] cur, double[] grad) {
    int n = cur.length;
    double mean = 0;
    for (double g : grad) {
      mean += g;
    }
    mean /= n;
    double t = 1.0;
    boolean haveLower = false;
    double minLower = Double.POSITIVE_INFINITY;
    boolean haveUpper = false;
    double minUpper = Double.POSITIVE_INFINITY;
    double[] proj = new double[n];
    for (int i = 0; i < n; i++) {
      proj[i] = grad[i] - mean;
      if (proj[i] < 0) {
        double tm = -1.0 * cur[i] / proj[i];
        if (tm > MIN_STEP) {
          haveLower = true;
          minLower = Math.min(minLower, tm);
        }
      } else if (proj[i] > 0) {
        double tm = (1.0 - cur[i]) / proj[i];
        if (tm > MIN_STEP) {
          haveUpper = true;
          minUpper = Math.min(minUpper, tm);
        }
      }
    }
    if (haveLower) {
      t = minLower;
    }
    if (haveUpper) {
      t = Math.min(t, minUpper);
    }
    double[] next = new double[n];
    for (int i = 0; i < n; i++) {
      next[i] = proj[i] * t + cur[i];
    }
    return projectToSimplex(next);
  }

  /** Euclidean projection onto the probability simplex (sort-based, Wang &amp; Carreira-Perpiñán 2013). */
  public static double[] projectToSimplex(double[] y) {
    int m = y.length;
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : y) {
      sum += v;
    }
    double shift = (sum - 1.0) / m;
    double partial = 0;
    for (int i = 0; i < m - 1; i++) {
      partial += sorted[m - 1 - i];
      double candidate = (partial - 1) / (i + 1.0);
      if (candidate > sorted[m - 2 - i]) {
        shift = candidate;
        break;
      }
    }
    double[] out = new double[m];
    for (int i = 0; i < m; i++) {
      out[i] = Math.max(y[i] - shift, 0.0);
    }
    return out;
  }
}
