package io.mtl4j.classical.solver;

import io.mtl4j.linalg.Linalg;
import java.util.Arrays;

/**
 * Exact proximal operators prox_{τ·Ω}(V) = argmin_Z Ω(Z)·τ + ||Z − V||²/2 on W [D, T] stored column-major (task t is
 * column t). Each returns Ω(Z) of its output, which the solvers use for objective values at no extra cost.
 */
public final class Prox {
  private Prox() {}

  /** Element-wise soft threshold: Ω = ||Z||₁ (Lasso). */
  public static double l1(double[] v, double tau, double[] out, int offset, int length) {
    double norm = 0;
    for (int i = offset; i < offset + length; i++) {
      double a = Math.abs(v[i]) - tau;
      double z = a > 0 ? Math.copySign(a, v[i]) : 0.0;
      out[i] = z;
      norm += Math.abs(z);
    }
    return norm;
  }

  /** Group soft threshold over feature rows: Ω = Σ_j ||Z_{j,·}||₂, the L2,1 norm of Argyriou et al. */
  public static double rowGroups(double[] v, double tau, double[] out, int offset, int d, int tasks) {
    double norm = 0;
    for (int j = 0; j < d; j++) {
      double sq = 0;
      for (int t = 0; t < tasks; t++) {
        double x = v[offset + t * d + j];
        sq += x * x;
      }
      double len = Math.sqrt(sq);
      double scale = len > tau ? 1 - tau / len : 0;
      for (int t = 0; t < tasks; t++) out[offset + t * d + j] = scale * v[offset + t * d + j];
      norm += scale * len;
    }
    return norm;
  }

  /** Group soft threshold over task columns: Ω = Σ_t ||Z_{·,t}||₂ (outlier tasks in rMTFL and robust MTL). */
  public static double columnGroups(double[] v, double tau, double[] out, int offset, int d, int tasks) {
    double norm = 0;
    for (int t = 0; t < tasks; t++) {
      int base = offset + t * d;
      double sq = 0;
      for (int j = 0; j < d; j++) sq += v[base + j] * v[base + j];
      double len = Math.sqrt(sq);
      double scale = len > tau ? 1 - tau / len : 0;
      for (int j = 0; j < d; j++) out[base + j] = scale * v[base + j];
      norm += scale * len;
    }
    return norm;
  }

  /**
   * Ω = Σ_j ||Z_{j,·}||_∞ (the L1,∞ block of the dirty model). By Moreau's identity the prox of τ||·||_∞ is
   * v − Proj_{||·||₁ ≤ τ}(v), row by row.
   */
  public static double rowLinf(double[] v, double tau, double[] out, int offset, int d, int tasks) {
    double[] row = new double[tasks];
    double[] proj = new double[tasks];
    double norm = 0;
    for (int j = 0; j < d; j++) {
      for (int t = 0; t < tasks; t++) row[t] = v[offset + t * d + j];
      projectL1Ball(row, tau, proj);
      double max = 0;
      for (int t = 0; t < tasks; t++) {
        double z = row[t] - proj[t];
        out[offset + t * d + j] = z;
        max = Math.max(max, Math.abs(z));
      }
      norm += max;
    }
    return norm;
  }

  /**
   * Euclidean projection of v onto {x : ||x||₁ ≤ radius}: soft thresholding at the θ with Σ max(|v_i| − θ, 0) =
   * radius, found by Michelot's pivoting (1986): drop entries at or below the running θ until none drops; exact,
   * no sort, a few linear passes.
   */
  public static void projectL1Ball(double[] v, double radius, double[] out) {
    int n = v.length;
    double l1 = 0;
    for (double x : v) l1 += Math.abs(x);
    if (l1 <= radius) {
      System.arraycopy(v, 0, out, 0, n);
      return;
    }
    if (radius <= 0) {
      Arrays.fill(out, 0, n, 0);
      return;
    }
    // out doubles as the active set's |v| (NaN = dropped) while θ is refined.
    for (int i = 0; i < n; i++) out[i] = Math.abs(v[i]);
    double sum = l1;
    int count = n;
    double theta = (sum - radius) / count;
    boolean dropped = true;
    while (dropped) {
      dropped = false;
      for (int i = 0; i < n; i++) {
        double a = out[i];
        if (a == a && a <= theta) {
          out[i] = Double.NaN;
          sum -= a;
          count--;
          dropped = true;
        }
      }
      theta = (sum - radius) / count;
    }
    for (int i = 0; i < n; i++) {
      double a = Math.abs(v[i]) - theta;
      out[i] = a > 0 ? Math.copySign(a, v[i]) : 0.0;
    }
  }

  /**
   * Singular-value soft threshold: Ω = ||Z||_* (trace norm). Z = U·diag(max(σ − τ, 0))·Vᵀ from a full thin SVD of
   * V [d, tasks]. Returns the trace norm of Z; {@code singularValues}, when non-null, receives the shrunk σ.
   */
  public static double trace(double[] v, double tau, double[] out, int offset, int d, int tasks,
                             double[] singularValues) {
    double[] a = Arrays.copyOfRange(v, offset, offset + d * tasks);
    Linalg.Svd svd = Linalg.svd(a, d, tasks);
    int r = svd.rank();
    Arrays.fill(out, offset, offset + d * tasks, 0.0);
    double norm = 0;
    for (int k = 0; k < r; k++) {
      double s = svd.s()[k] - tau;
      if (singularValues != null) singularValues[k] = Math.max(s, 0);
      if (s <= 0) continue;
      norm += s;
      // out += s · u_k · v_kᵀ, column by column (column t scales u_k by s·v_k[t]).
      for (int t = 0; t < tasks; t++) {
        double coef = s * svd.v()[k * tasks + t];
        if (coef == 0) continue;
        int base = offset + t * d;
        for (int i = 0; i < d; i++) out[base + i] += coef * svd.u()[k * d + i];
      }
    }
    return norm;
  }

  /**
   * Prox of Ω = ½||Z||²_* (the squared trace norm, times τ): the singular values become s_i = max(σ_i − τ·S, 0)
   * with S = Σ s_i, a threshold found exactly from the sorted σ. Returns ½(Σ s_i)².
   */
  public static double squaredTrace(double[] v, double tau, double[] out, int offset, int d, int tasks) {
    double[] a = Arrays.copyOfRange(v, offset, offset + d * tasks);
    Linalg.Svd svd = Linalg.svd(a, d, tasks);
    double[] sigma = svd.s();
    // With k positive values: S = (σ_1 + … + σ_k) / (1 + kτ); take the largest k with σ_k > τS (σ descending).
    double prefix = 0;
    double total = 0;
    for (int k = 1; k <= sigma.length; k++) {
      prefix += sigma[k - 1];
      double s = prefix / (1 + k * tau);
      if (sigma[k - 1] > tau * s) total = s;
      else break;
    }
    double threshold = tau * total;
    Arrays.fill(out, offset, offset + d * tasks, 0.0);
    double sum = 0;
    for (int k = 0; k < sigma.length; k++) {
      double s = sigma[k] - threshold;
      if (s <= 0) continue;
      sum += s;
      for (int t = 0; t < tasks; t++) {
        double coef = s * svd.v()[k * tasks + t];
        if (coef == 0) continue;
        int base = offset + t * d;
        for (int i = 0; i < d; i++) out[base + i] += coef * svd.u()[k * d + i];
      }
    }
    return 0.5 * sum * sum;
  }
}
