package io.mtl4j.weighting.solver;

import java.util.Arrays;

/**
 * The quasi-Newton matrix B of {@link Slsqp} as packed LDLᵀ factors (Kraft 1988): D on the diagonal, unit L below
 * it, stored column by column, with one spare entry that the QP of an inconsistent linearisation uses for its extra
 * variable. Updated by Powell's damped BFGS formula through two rank-one updates of the factors.
 */
final class QuasiNewton {
  private final int n;
  private final double[] ldl;

  QuasiNewton(int n) {
    this.n = n;
    this.ldl = new double[(n + 1) * (n + 2) / 2 + 1];
  }

  /** The packed factors, shared with {@link ConstrainedLeastSquares} (which reads them and sets the spare entry). */
  double[] factors() {
    return ldl;
  }

  /** B = I: unit diagonal D, zero L. */
  void reset() {
    Arrays.fill(ldl, 0);
    int j = 1;
    for (int i = 1; i <= n; i++) {
      ldl[j - 1] = 1;
      j += n + 1 - i;
    }
  }

  /**
   * Powell-damped BFGS update with the step s and the change y of the Lagrangian gradient (Kraft 1988, Eq. 2.10);
   * y is replaced by the damped change and {@code work} by B s. Returns false when the update would be singular and
   * B must be reset. Arrays have length n + 1.
   */
  boolean update(double[] s, double[] y, double[] work) {
    double[] v = work;
    int n1 = n + 1;
    int k = 0;
    for (int i = 1; i <= n; i++) {
      double h1 = 0;
      k++;
      for (int j = i + 1; j <= n; j++) {
        k++;
        h1 += ldl[k - 1] * s[j - 1];
      }
      v[i - 1] = s[i - 1] + h1;
    }
    k = 1;
    for (int i = 1; i <= n; i++) {
      v[i - 1] = ldl[k - 1] * v[i - 1];
      k += n1 - i;
    }
    for (int i = n; i >= 1; i--) {
      double h1 = 0;
      k = i;
      for (int j = 1; j <= i - 1; j++) {
        h1 += ldl[k - 1] * v[j - 1];
        k += n - j;
      }
      v[i - 1] += h1;
    }
    double h1 = dot(s, y);
    double h2 = dot(s, v);
    double h3 = 0.2 * h2;
    if (h1 < h3) {
      double h4 = (h2 - h3) / (h2 - h1);
      h1 = h3;
      for (int i = 0; i < n; i++) {
        y[i] = h4 * y[i] + (1 - h4) * v[i];
      }
    }
    if (h1 == 0 || h2 == 0) {
      return false;
    }
    rankOneUpdate(ldl, y, 1 / h1, v);
    rankOneUpdate(ldl, v, -1 / h2, y);
    return true;
  }

  private double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * LDLᵀ ← LDLᵀ + σ z zᵀ on the packed factors, by Fletcher &amp; Powell's method (Math. Comp. 28, 1974);
   * z is overwritten, w is workspace.
   */
  static void rankOneUpdate(double[] ldl, double[] z, double sigma, double[] w) {
    int n = z.length - 1;
    final double epmach = 2.22e-16;
    if (sigma == 0) {
      return;
    }
    int ij = 1;
    double t = 1 / sigma;
    if (sigma < 0) {
      System.arraycopy(z, 0, w, 0, n);
      for (int i = 1; i <= n; i++) {
        double v = w[i - 1];
        t += v * v / ldl[ij - 1];
        for (int j = i + 1; j <= n; j++) {
          ij++;
          w[j - 1] -= v * ldl[ij - 1];
        }
        ij++;
      }
      if (t >= 0) {
        t = epmach / sigma;
      }
      for (int i = 1; i <= n; i++) {
        int j = n + 1 - i;
        ij -= i;
        double u = w[j - 1];
        w[j - 1] = t;
        t -= u * u / ldl[ij - 1];
      }
    }
    for (int i = 1; i <= n; i++) {
      double v = z[i - 1];
      double delta = v / ldl[ij - 1];
      double tp = sigma < 0 ? w[i - 1] : t + delta * v;
      double alpha = tp / t;
      ldl[ij - 1] = alpha * ldl[ij - 1];
      if (i == n) {
        return;
      }
      double beta = delta / tp;
      if (alpha > 4) {
        double gamma = t / tp;
        for (int j = i + 1; j <= n; j++) {
          ij++;
          double u = ldl[ij - 1];
          ldl[ij - 1] = gamma * u + beta * z[j - 1];
          z[j - 1] -= v * u;
        }
      } else {
        for (int j = i + 1; j <= n; j++) {
          ij++;
          z[j - 1] -= v * ldl[ij - 1];
          ldl[ij - 1] += beta * z[j - 1];
        }
      }
      ij++;
      t = tp;
    }
  }
}
