package io.mtl4j.weighting.solver;

import static io.mtl4j.weighting.solver.Nnls.at;

/**
 * The QP subproblem of {@link Slsqp} written as a constrained least-squares problem and solved as in Kraft's
 * SLSQP (1988), after Lawson &amp; Hanson (1974, ch. 23): LSQ builds min ‖E x - f‖ from the LDLᵀ factors of the
 * quasi-Newton matrix (E = D^½ Lᵀ, f = -D^-½ L⁻¹ g); LSEI removes the equality constraints with Householder
 * transformations; LSI turns the remaining inequality-constrained problem into a least-distance problem (LDP),
 * which is solved through its dual, a non-negative least-squares problem ({@link Nnls}).
 *
 * <p>Arrays are flat column-major as in the Fortran original, so that rows and columns can share one code path.
 */
final class ConstrainedLeastSquares {
  static final int OK = 1;
  static final int BAD_DIMENSIONS = 2;
  static final int NNLS_LIMIT = 3;
  static final int INCOMPATIBLE = 4;
  static final int SINGULAR_E = 5;
  static final int SINGULAR_C = 6;
  static final int NO_INEQUALITIES = 7;

  private static final double EPMACH = 2.22e-16;
  /** Below this, 1 - hᵀy in LDP has lost more than half of its digits to cancellation. */
  private static final double SQRT_EPSILON = Math.sqrt(Math.ulp(1.0));

  /** Solution, multipliers (equalities first, then inequalities, then bounds) and status. */
  record Result(double[] x, double[] multipliers, int mode) {}

  private ConstrainedLeastSquares() {}

  /**
   * LSQ: min ½ xᵀ B x + gᵀ x with B = L D Lᵀ (packed {@code ldl}, see {@link Slsqp}) subject to
   * A_j x + c_j = 0 (j &lt; meq), A_j x + c_j ≥ 0 (j ≥ meq) and lower ≤ x ≤ upper; NaN bounds are absent.
   *
   * @param n         number of variables (n+1 for the augmented problem of an inconsistent linearisation)
   * @param packedEnd 1-based index of the last entry of {@code ldl} that belongs to this problem
   * @param a         constraint normals, flat column-major [max(1,m), ≥ n] with leading dimension la
   */
  static Result lsq(int m, int meq, int n, int packedEnd, int la, double[] ldl, double[] g, double[] a,
      double[] c, double[] lower, double[] upper) {
    int n1 = n + 1;
    int mineq = m - meq;
    int m1 = mineq + n + n;
    // n2 = 1 marks the augmented problem, whose last variable has no LDLᵀ row of its own.
    int n2 = n1 * n / 2 + 1 == packedEnd ? 0 : 1;
    int n3 = n - n2;

    double[] e = new double[n * n];
    double[] f = new double[n];
    int i2 = 1;
    for (int i = 1; i <= n3; i++) {
      int i1 = n1 - i;
      double diag = Math.sqrt(ldl[i2 - 1]);
      for (int k = 0; k < i1 - n2; k++) {
        e[at(i, i + k, n)] = ldl[i2 - 1 + k] * diag;
      }
      e[at(i, i, n)] = diag;
      double s = 0;
      for (int k = 1; k < i; k++) {
        s += e[at(k, i, n)] * f[k - 1];
      }
      f[i - 1] = (g[i - 1] - s) / diag;
      i2 += i1 - n2;
    }
    if (n2 == 1) {
      e[at(n, n, n)] = ldl[packedEnd - 1];
      f[n - 1] = 0;
    }
    for (int i = 0; i < n; i++) {
      f[i] = -f[i];
    }

    int lc = Math.max(1, meq);
    double[] cm = new double[lc * n];
    double[] d = new double[lc];
    for (int i = 1; i <= meq; i++) {
      for (int j = 1; j <= n; j++) {
        cm[at(i, j, lc)] = a[at(i, j, la)];
      }
      d[i - 1] = -c[i - 1];
    }
    double[] gm = new double[m1 * n];
    double[] h = new double[m1];
    for (int i = 1; i <= mineq; i++) {
      for (int j = 1; j <= n; j++) {
        gm[at(i, j, m1)] = a[at(meq + i, j, la)];
      }
      h[i - 1] = -c[meq + i - 1];
    }
    int row = mineq + 1;
    int missing = 0;
    for (int i = 1; i <= n; i++) {
      if (Double.isNaN(lower[i - 1])) {
        missing++;
        continue;
      }
      h[row - 1] = lower[i - 1];
      gm[at(row, i, m1)] = 1;
      row++;
    }
    for (int i = 1; i <= n; i++) {
      if (Double.isNaN(upper[i - 1])) {
        missing++;
        continue;
      }
      h[row - 1] = -upper[i - 1];
      gm[at(row, i, m1)] = -1;
      row++;
    }
    Result r = lsei(cm, d, e, f, gm, h, lc, meq, n, n, m1, m1 - missing, n);
    double[] y = new double[m + n + n];
    if (r.mode() == OK) {
      System.arraycopy(r.multipliers(), 0, y, 0, m);
      for (int i = m; i < y.length; i++) {
        y[i] = Double.NaN;
      }
    }
    double[] x = r.x();
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(lower[i]) && x[i] < lower[i]) {
        x[i] = lower[i];
      } else if (!Double.isNaN(upper[i]) && x[i] > upper[i]) {
        x[i] = upper[i];
      }
    }
    return new Result(x, y, r.mode());
  }

  /**
   * LSEI: min ‖E x - f‖ s.t. C x = d, G x ≥ h (Lawson &amp; Hanson 23.6), eliminating the equalities through an
   * orthogonal basis of the null space of C. Multipliers: mc equality ones, then mg inequality ones.
   */
  static Result lsei(double[] c, double[] d, double[] e, double[] f, double[] g, double[] h,
      int lc, int mc, int le, int me, int lg, int mg, int n) {
    double[] x = new double[n];
    double[] w = new double[mc + mg];
    if (mc > n) {
      return new Result(x, w, BAD_DIMENSIONS);
    }
    int l = n - mc;
    double[] ups = new double[mc + 1];
    for (int i = 1; i <= mc; i++) {
      int j = Math.min(i + 1, lc);
      ups[i] = Householder.constructAndApply(i, i + 1, n, c, at(i, 1, lc), lc, c, at(j, 1, lc), lc, 1, mc - i);
      Householder.apply(i, i + 1, n, c, at(i, 1, lc), lc, ups[i], e, 0, le, 1, me);
      Householder.apply(i, i + 1, n, c, at(i, 1, lc), lc, ups[i], g, 0, lg, 1, mg);
    }
    for (int i = 1; i <= mc; i++) {
      if (Math.abs(c[at(i, i, lc)]) < EPMACH) {
        return new Result(x, w, SINGULAR_C);
      }
      double s = 0;
      for (int k = 1; k < i; k++) {
        s += c[at(i, k, lc)] * x[k - 1];
      }
      x[i - 1] = (d[i - 1] - s) / c[at(i, i, lc)];
    }
    int mode = OK;
    if (mc < n) {
      if (mg <= 0) {
        // Equality-only problems need a rank-revealing solve (HFTI), not ported: SLSQP always passes bounds here.
        return new Result(x, w, NO_INEQUALITIES);
      }
      double[] f2 = new double[me];
      for (int i = 1; i <= me; i++) {
        double s = 0;
        for (int k = 1; k <= mc; k++) {
          s += e[at(i, k, le)] * x[k - 1];
        }
        f2[i - 1] = f[i - 1] - s;
      }
      double[] e2 = new double[me * l];
      for (int i = 1; i <= me; i++) {
        for (int k = 1; k <= l; k++) {
          e2[at(i, k, me)] = e[at(i, mc + k, le)];
        }
      }
      double[] g2 = new double[mg * l];
      for (int i = 1; i <= mg; i++) {
        for (int k = 1; k <= l; k++) {
          g2[at(i, k, mg)] = g[at(i, mc + k, lg)];
        }
      }
      double[] h2 = new double[mg];
      for (int i = 1; i <= mg; i++) {
        double s = 0;
        for (int k = 1; k <= mc; k++) {
          s += g[at(i, k, lg)] * x[k - 1];
        }
        h2[i - 1] = h[i - 1] - s;
      }
      Result sub = lsi(e2, f2, g2, h2, me, me, mg, mg, l);
      System.arraycopy(sub.x(), 0, x, mc, l);
      System.arraycopy(sub.multipliers(), 0, w, mc, Math.min(mg, sub.multipliers().length));
      mode = sub.mode();
      if (mc == 0 || mode != OK) {
        return new Result(x, w, mode);
      }
    }
    // Residual, equality multipliers, and back-transformation of x.
    double[] res = new double[me];
    for (int i = 1; i <= me; i++) {
      double s = 0;
      for (int k = 1; k <= n; k++) {
        s += e[at(i, k, le)] * x[k - 1];
      }
      res[i - 1] = s - f[i - 1];
    }
    double[] dd = new double[mc];
    for (int i = 1; i <= mc; i++) {
      double s1 = 0;
      for (int k = 1; k <= me; k++) {
        s1 += e[at(k, i, le)] * res[k - 1];
      }
      double s2 = 0;
      for (int k = 1; k <= mg; k++) {
        s2 += g[at(k, i, lg)] * w[mc + k - 1];
      }
      dd[i - 1] = s1 - s2;
    }
    for (int i = mc; i >= 1; i--) {
      Householder.apply(i, i + 1, n, c, at(i, 1, lc), lc, ups[i], x, 0, 1, 1, 1);
    }
    for (int i = mc; i >= 1; i--) {
      int j = Math.min(i + 1, lc);
      double s = 0;
      for (int k = 0; k < mc - i; k++) {
        s += c[at(j + k, i, lc)] * w[j + k - 1];
      }
      w[i - 1] = (dd[i - 1] - s) / c[at(i, i, lc)];
    }
    return new Result(x, w, mode);
  }

  /** LSI: min ‖E x - f‖ s.t. G x ≥ h (Lawson &amp; Hanson 23.5), via QR of E and a least-distance problem. */
  static Result lsi(double[] e, double[] f, double[] g, double[] h, int le, int me, int lg, int mg, int n) {
    for (int i = 1; i <= n; i++) {
      int j = Math.min(i + 1, n);
      double t = Householder.constructAndApply(i, i + 1, me, e, at(1, i, le), 1, e, at(1, j, le), 1, le, n - i);
      Householder.apply(i, i + 1, me, e, at(1, i, le), 1, t, f, 0, 1, 1, 1);
    }
    for (int i = 1; i <= mg; i++) {
      for (int j = 1; j <= n; j++) {
        if (!(Math.abs(e[at(j, j, le)]) >= EPMACH)) {
          return new Result(new double[n], new double[mg], SINGULAR_E);
        }
        double s = 0;
        for (int k = 1; k < j; k++) {
          s += g[at(i, k, lg)] * e[at(k, j, le)];
        }
        g[at(i, j, lg)] = (g[at(i, j, lg)] - s) / e[at(j, j, le)];
      }
      double s = 0;
      for (int k = 1; k <= n; k++) {
        s += g[at(i, k, lg)] * f[k - 1];
      }
      h[i - 1] -= s;
    }
    Result ldp = ldp(g, lg, mg, n, h);
    if (ldp.mode() != OK) {
      return ldp;
    }
    double[] x = ldp.x();
    for (int i = 0; i < n; i++) {
      x[i] += f[i];
    }
    for (int i = n; i >= 1; i--) {
      int j = Math.min(i + 1, n);
      double s = 0;
      for (int k = 0; k < n - i; k++) {
        s += e[at(i, j + k, le)] * x[j + k - 1];
      }
      x[i - 1] = (x[i - 1] - s) / e[at(i, i, le)];
    }
    return new Result(x, ldp.multipliers(), OK);
  }

  /** LDP: min ½‖x‖² s.t. G x ≥ h, through the dual NNLS problem (Lawson &amp; Hanson 23.3). */
  static Result ldp(double[] g, int lg, int m, int n, double[] h) {
    double[] x = new double[n];
    if (n <= 0) {
      return new Result(x, new double[m], BAD_DIMENSIONS);
    }
    if (m == 0) {
      return new Result(x, new double[0], OK);
    }
    int n1 = n + 1;
    // Dual: min ‖[Gᵀ; hᵀ] y - e_{n+1}‖ with y ≥ 0.
    double[] dual = new double[n1 * m];
    for (int j = 1; j <= m; j++) {
      for (int i = 1; i <= n; i++) {
        dual[at(i, j, n1)] = g[at(j, i, lg)];
      }
      dual[at(n1, j, n1)] = h[j - 1];
    }
    double[] rhs = new double[n1];
    rhs[n] = 1;
    Nnls.Result nnls = Nnls.solve(dual, n1, n1, m, rhs);
    if (nnls.mode() != Nnls.OK) {
      return new Result(x, new double[m], nnls.mode());
    }
    if (nnls.residualNorm() <= 0) {
      return new Result(x, new double[m], INCOMPATIBLE);
    }
    double[] y = nnls.x();
    double fac = 1 - Gram.dot(h, y);
    if (fac < SQRT_EPSILON) {
      // Badly scaled QPs (a gradient of 1e6 against bounds of 1) put the LDP minimiser far out, so 1 - hᵀy
      // cancels to noise: at 1e-13 its third digit is rounding, the step's direction flips at random and
      // SLSQP (scipy's too) stops at the start. At the NNLS optimum 1 - hᵀy equals ‖[Gᵀ; hᵀ] y - e‖², which the
      // NNLS returns to full relative precision; on ordinary QPs the two agree and scipy's formula is kept.
      fac = nnls.residualNorm() * nnls.residualNorm();
    }
    if (!((1 + fac) - 1 > 0)) {
      return new Result(x, new double[m], INCOMPATIBLE);
    }
    fac = 1 / fac;
    for (int j = 1; j <= n; j++) {
      double s = 0;
      for (int i = 1; i <= m; i++) {
        s += g[at(i, j, lg)] * y[i - 1];
      }
      x[j - 1] = fac * s;
    }
    double[] w = new double[m];
    for (int i = 0; i < m; i++) {
      w[i] = fac * y[i];
    }
    return new Result(x, w, OK);
  }
}
