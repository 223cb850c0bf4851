package io.mtl4j.classical;

import io.mtl4j.classical.solver.ProximalProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Test fixtures: small seeded multi-task problems, gradients computed straight from the rows, a slow reference. */
final class Problems {
  private Problems() {}

  /** T tasks, D features, n_t rows each in [nMin, nMax]; y = X w_t + noise with related w_t. */
  static MultiTaskData regression(long seed, int tasks, int d, int nMin, int nMax) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] shared = gaussian(rng, d);
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      int n = nMin + rng.nextInt(nMax - nMin + 1);
      double[] w = gaussian(rng, d);
      for (int j = 0; j < d; j++) w[j] = shared[j] + 0.5 * w[j];
      double[][] x = new double[n][];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = gaussian(rng, d);
        double s = 0;
        for (int j = 0; j < d; j++) s += x[i][j] * w[j];
        y[i] = s + 0.3 * rng.nextGaussian();
      }
      xs.add(x);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }

  /** The same shapes with labels sign(x·w_t + noise) in {-1, +1}. */
  static MultiTaskData classification(long seed, int tasks, int d, int nMin, int nMax) {
    MultiTaskData r = regression(seed, tasks, d, nMin, nMax);
    List<double[][]> xs = new ArrayList<>();
    List<double[]> ys = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      double[][] x = new double[r.rows(t)][];
      double[] y = new double[r.rows(t)];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.row(t, i);
        y[i] = r.y(t)[i] >= 0 ? 1 : -1;
      }
      xs.add(x);
      ys.add(y);
    }
    return MultiTaskData.of(xs, ys);
  }

  static double[] gaussian(SplittableRandom rng, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = rng.nextGaussian();
    return v;
  }

  /** ∇_W of scale·Σ_t ||X_t w_t − y_t||² from the raw rows (no LeastSquaresStats): W [D, T] column-major. */
  static double[] leastSquaresGradient(MultiTaskData data, double[] w, double scale) {
    int d = data.features();
    double[] g = new double[w.length];
    for (int t = 0; t < data.tasks(); t++) {
      for (int i = 0; i < data.rows(t); i++) {
        double[] x = data.row(t, i);
        double r = -data.y(t)[i];
        for (int j = 0; j < d; j++) r += x[j] * w[t * d + j];
        for (int j = 0; j < d; j++) g[t * d + j] += 2 * scale * r * x[j];
      }
    }
    return g;
  }

  /** ∇ of Σ_t mean_i log(1 + exp(−y(x·w_t + c_t))) from the raw rows: [∇_W | ∇_c]. */
  static double[] logisticGradient(MultiTaskData data, double[] w, double[] c) {
    int d = data.features();
    int tasks = data.tasks();
    double[] g = new double[d * tasks + tasks];
    for (int t = 0; t < tasks; t++) {
      int n = data.rows(t);
      for (int i = 0; i < n; i++) {
        double[] x = data.row(t, i);
        double y = data.y(t)[i];
        double m = c[t];
        for (int j = 0; j < d; j++) m += x[j] * w[t * d + j];
        double coef = -y / (1 + Math.exp(y * m)) / n;
        for (int j = 0; j < d; j++) g[t * d + j] += coef * x[j];
        g[d * tasks + t] += coef;
      }
    }
    return g;
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }

  /**
   * The slow reference: plain proximal gradient with the fixed step 1/L (L an upper bound of ∇f's Lipschitz
   * constant from a power iteration), no momentum, no line search, {@code iterations} steps from zero.
   */
  static double[] proximalGradient(ProximalProblem p, double lipschitz, int iterations) {
    int n = p.dimension();
    double[] x = new double[n];
    double[] g = new double[n];
    double[] v = new double[n];
    for (int it = 0; it < iterations; it++) {
      p.smooth(x, g);
      for (int i = 0; i < n; i++) v[i] = x[i] - g[i] / lipschitz;
      p.prox(v, 1 / lipschitz, x);
    }
    return x;
  }
}
