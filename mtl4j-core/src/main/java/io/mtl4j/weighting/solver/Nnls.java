package io.mtl4j.weighting.solver;

/**
 * Non-negative least squares min ‖A x - b‖ s.t. x ≥ 0, by Lawson &amp; Hanson's active-set algorithm
 * ("Solving Least Squares Problems", 1974, ch. 23, Alg. NNLS), in the variant used inside Kraft's SLSQP
 * (at most 3n iterations; a column is accepted only if it is numerically independent of the ones in the set).
 *
 * <p>A is a flat column-major [m, n] array with leading dimension lda; A and b are overwritten (Q·A, Q·b).
 */
final class Nnls {
  static final int OK = 1;
  static final int BAD_DIMENSIONS = 2;
  static final int ITERATION_LIMIT = 3;

  private static final double DEPENDENCE_FACTOR = 1e-2;

  /** Solution x, dual vector w (w_j ≤ 0 off the set), residual norm and status. */
  record Result(double[] x, double[] dual, double residualNorm, int mode) {}

  private Nnls() {}

  static Result solve(double[] a, int lda, int m, int n, double[] b) {
    double[] x = new double[n];
    double[] w = new double[n];
    if (m <= 0 || n <= 0) {
      return new Result(x, w, 0, BAD_DIMENSIONS);
    }
    double[] z = new double[m];
    int[] index = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      index[i] = i;
    }
    int iz1 = 1;
    int nsetp = 0;
    int npp1 = 1;
    int iter = 0;
    int mode = OK;
    outer:
    while (iz1 <= n && nsetp < m) {
      // Dual variables w_j = (column j below the set)·(b below the set).
      for (int iz = iz1; iz <= n; iz++) {
        int j = index[iz];
        double s = 0;
        for (int i = npp1; i <= m; i++) {
          s += a[at(i, j, lda)] * b[i - 1];
        }
        w[j - 1] = s;
      }
      int j;
      double up;
      while (true) {
        double wmax = 0;
        int izmax = 0;
        for (int iz = iz1; iz <= n; iz++) {
          int jj = index[iz];
          if (w[jj - 1] > wmax) {
            wmax = w[jj - 1];
            izmax = iz;
          }
        }
        if (wmax <= 0) {
          break outer;
        }
        j = index[izmax];
        double asave = a[at(npp1, j, lda)];
        up = Householder.construct(npp1, npp1 + 1, m, a, at(1, j, lda), 1);
        double unorm = 0;
        for (int i = 1; i <= nsetp; i++) {
          unorm += a[at(i, j, lda)] * a[at(i, j, lda)];
        }
        unorm = Math.sqrt(unorm);
        double t = DEPENDENCE_FACTOR * Math.abs(a[at(npp1, j, lda)]);
        if ((unorm + t) - unorm > 0) {
          System.arraycopy(b, 0, z, 0, m);
          Householder.apply(npp1, npp1 + 1, m, a, at(1, j, lda), 1, up, z, 0, 1, 1, 1);
          if (z[npp1 - 1] / a[at(npp1, j, lda)] > 0) {
            // Move column j from the zero set into the positive set.
            System.arraycopy(z, 0, b, 0, m);
            index[izmax] = index[iz1];
            index[iz1] = j;
            iz1++;
            nsetp = npp1;
            npp1++;
            for (int jz = iz1; jz <= n; jz++) {
              int jj = index[jz];
              Householder.apply(nsetp, npp1, m, a, at(1, j, lda), 1, up, a, at(1, jj, lda), 1, lda, 1);
            }
            int k = Math.min(npp1, lda);
            w[j - 1] = 0;
            for (int i = 0; i < m - nsetp; i++) {
              a[at(k + i, j, lda)] = 0;
            }
            break;
          }
        }
        a[at(npp1, j, lda)] = asave;
        w[j - 1] = 0;
      }
      // Inner loop: solve the triangular system on the set, step back while some entry would turn non-positive.
      while (true) {
        solveTriangular(a, lda, index, nsetp, z);
        iter++;
        if (iter > 3 * n) {
          mode = ITERATION_LIMIT;
          break outer;
        }
        double alpha = 1;
        int jj = 0;
        for (int ip = 1; ip <= nsetp; ip++) {
          if (z[ip - 1] > 0) {
            continue;
          }
          int l = index[ip];
          double t = -x[l - 1] / (z[ip - 1] - x[l - 1]);
          if (alpha < t) {
            continue;
          }
          alpha = t;
          jj = ip;
        }
        for (int ip = 1; ip <= nsetp; ip++) {
          int l = index[ip];
          x[l - 1] = (1 - alpha) * x[l - 1] + alpha * z[ip - 1];
        }
        if (jj == 0) {
          continue outer;
        }
        // Remove from the set every index whose x reached zero, restoring the triangular form by rotations.
        int i = index[jj];
        boolean again = true;
        while (again) {
          x[i - 1] = 0;
          for (int jx = jj + 1; jx <= nsetp; jx++) {
            int ii = index[jx];
            index[jx - 1] = ii;
            double[] cs = givens(a, at(jx - 1, ii, lda), at(jx, ii, lda));
            double t = a[at(jx - 1, ii, lda)];
            rotateRows(a, lda, n, jx - 1, jx, cs[0], cs[1]);
            a[at(jx - 1, ii, lda)] = t;
            a[at(jx, ii, lda)] = 0;
            double bj1 = b[jx - 2];
            double bj = b[jx - 1];
            b[jx - 2] = cs[0] * bj1 + cs[1] * bj;
            b[jx - 1] = cs[0] * bj - cs[1] * bj1;
          }
          npp1 = nsetp;
          nsetp--;
          iz1--;
          index[iz1] = i;
          if (nsetp <= 0) {
            mode = ITERATION_LIMIT;
            break outer;
          }
          again = false;
          for (jj = 1; jj <= nsetp; jj++) {
            i = index[jj];
            if (x[i - 1] <= 0) {
              again = true;
              break;
            }
          }
        }
        System.arraycopy(b, 0, z, 0, m);
      }
    }
    int k = Math.min(npp1, m);
    double rnorm = 0;
    for (int i = 0; i < m - nsetp; i++) {
      rnorm += b[k - 1 + i] * b[k - 1 + i];
    }
    rnorm = Math.sqrt(rnorm);
    if (npp1 > m) {
      java.util.Arrays.fill(w, 0);
    }
    return new Result(x, w, rnorm, mode);
  }

  /** Back substitution on the upper-triangular set columns; z enters as Q·b and leaves as the set solution. */
  private static void solveTriangular(double[] a, int lda, int[] index, int nsetp, double[] z) {
    int jj = 0;
    for (int ip = nsetp; ip >= 1; ip--) {
      if (ip != nsetp) {
        double zi = z[ip];
        for (int r = 1; r <= ip; r++) {
          z[r - 1] -= zi * a[at(r, jj, lda)];
        }
      }
      jj = index[ip];
      z[ip - 1] = z[ip - 1] / a[at(ip, jj, lda)];
    }
  }

  /** Givens rotation zeroing a[pb] against a[pa] (BLAS drotg): writes r and z in place, returns {c, s}. */
  static double[] givens(double[] a, int pa, int pb) {
    double da = a[pa];
    double db = a[pb];
    double roe = Math.abs(da) > Math.abs(db) ? da : db;
    double scale = Math.abs(da) + Math.abs(db);
    double c;
    double s;
    double r;
    if (scale == 0) {
      c = 1;
      s = 0;
      r = 0;
    } else {
      r = scale * Math.sqrt((da / scale) * (da / scale) + (db / scale) * (db / scale));
      r = Math.copySign(1.0, roe) * r;
      c = da / r;
      s = db / r;
    }
    double zz = s;
    if (Math.abs(c) > 0 && Math.abs(c) <= s) {
      zz = 1 / c;
    }
    a[pa] = r;
    a[pb] = zz;
    return new double[] {c, s};
  }

  /** Applies the rotation (c, s) to rows r1, r2 (1-based) of the n columns. */
  private static void rotateRows(double[] a, int lda, int n, int r1, int r2, double c, double s) {
    for (int col = 1; col <= n; col++) {
      int p1 = at(r1, col, lda);
      int p2 = at(r2, col, lda);
      double t = c * a[p1] + s * a[p2];
      a[p2] = c * a[p2] - s * a[p1];
      a[p1] = t;
    }
  }

  /** Flat index of the 1-based element (i, j) of a column-major array with leading dimension lda. */
  static int at(int i, int j, int lda) {
    return (i - 1) + (j - 1) * lda;
  }
}
