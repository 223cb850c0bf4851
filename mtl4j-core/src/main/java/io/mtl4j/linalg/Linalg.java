package io.mtl4j.linalg;

import org.ojalgo.matrix.decomposition.Cholesky;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The one door to ojAlgo: every dense decomposition mtl4j needs (SVD, symmetric eigen, Cholesky, LU) for the
 * classical solvers, the weightings' small [T, T] systems and the trace-norm penalty. Nothing else imports ojAlgo,
 * so a change of library or version is a change of this file.
 *
 * <p>Column-major is ojAlgo's own layout and also the layout of W [D, T] here (task t is column t), so W is wrapped
 * without copying.
 */
public final class Linalg {
  private Linalg() {}

  /** Thin SVD of A [m, n] column-major: A = U·diag(s)·Vᵀ, s descending, U [m, r], V [n, r], r = min(m, n). */
  public record Svd(int rows, int cols, double[] u, double[] s, double[] v) {
    public int rank() {
      return s.length;
    }
  }

  public static Svd svd(double[] a, int rows, int cols) {
    // ojAlgo's SVD is faster on the tall orientation; decompose Aᵀ when A is wide and swap the factors back.
    boolean wide = rows < cols;
    double[] m = wide ? transpose(a, rows, cols) : a;
    int mr = wide ? cols : rows;
    int mc = wide ? rows : cols;
    SingularValue<Double> dec = SingularValue.R064.make(mr, mc);
    if (!dec.decompose(R064Store.wrap(m, mr))) {
      throw new ArithmeticException("SVD of a " + rows + "×" + cols + " matrix failed (non-finite entries?)");
    }
    int r = Math.min(rows, cols);
    double[] s = new double[r];
    for (int i = 0; i < r; i++) s[i] = dec.getSingularValues().doubleValue(i);
    double[] left = copyColumns(dec.getU(), mr, r);
    double[] right = copyColumns(dec.getV(), mc, r);
    return wide ? new Svd(rows, cols, right, s, left) : new Svd(rows, cols, left, s, right);
  }

  private static double[] copyColumns(MatrixStore<Double> m, int rows, int cols) {
    double[] out = new double[rows * cols];
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) out[j * rows + i] = m.doubleValue(i, j);
    }
    return out;
  }

  /** Symmetric eigen-decomposition of S [n, n]: values ascending, vectors as columns (column-major [n, n]). */
  public record Eigen(double[] values, double[] vectors) {}

  public static Eigen symmetricEigen(double[] s, int n) {
    Eigenvalue<Double> dec = Eigenvalue.R064.make(n, true);
    if (!dec.decompose(R064Store.wrap(symmetrize(s, n), n))) {
      throw new ArithmeticException("eigen-decomposition of a " + n + "×" + n + " matrix failed");
    }
    double[] raw = new double[n];
    for (int i = 0; i < n; i++) raw[i] = dec.getD().doubleValue(i, i);
    MatrixStore<Double> v = dec.getV();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(order, (p, q) -> Double.compare(raw[p], raw[q]));
    double[] values = new double[n];
    double[] vectors = new double[n * n];
    for (int k = 0; k < n; k++) {
      int src = order[k];
      values[k] = raw[src];
      for (int i = 0; i < n; i++) vectors[k * n + i] = v.doubleValue(i, src);
    }
    return new Eigen(values, vectors);
  }

  /** f(S) = V·diag(f(λ))·Vᵀ of a symmetric S [n, n] (column-major; symmetric so also row-major). */
  public static double[] spectralFunction(double[] s, int n, java.util.function.DoubleUnaryOperator f) {
    Eigen e = symmetricEigen(s, n);
    double[] out = new double[n * n];
    for (int k = 0; k < n; k++) {
      double fk = f.applyAsDouble(e.values()[k]);
      if (fk == 0) continue;
      int off = k * n;
      for (int i = 0; i < n; i++) {
        double vi = e.vectors()[off + i] * fk;
        if (vi == 0) continue;
        for (int j = 0; j < n; j++) out[i * n + j] += vi * e.vectors()[off + j];
      }
    }
    return out;
  }

  /**
   * Minimum-norm least-squares solution of S·x = b for a symmetric positive semi-definite S [n, n]: the
   * pseudo-inverse through the eigen-decomposition, eigenvalues below {@code relCut}·λ_max treated as zero.
   */
  public static double[] psdSolve(double[] s, int n, double[] b, double relCut) {
    Eigen e = symmetricEigen(s, n);
    double cut = relCut * Math.max(e.values()[n - 1], 0);
    double[] x = new double[n];
    for (int k = 0; k < n; k++) {
      double lambda = e.values()[k];
      if (lambda <= cut || lambda <= 0) continue;
      int off = k * n;
      double dot = 0;
      for (int i = 0; i < n; i++) dot += e.vectors()[off + i] * b[i];
      double coef = dot / lambda;
      for (int i = 0; i < n; i++) x[i] += coef * e.vectors()[off + i];
    }
    return x;
  }

  /** Solves S·X = B for a symmetric positive-definite S [n, n] and B [n, k] (column-major) by Cholesky. */
  public static double[] spdSolve(double[] s, int n, double[] b, int k) {
    Cholesky<Double> chol = Cholesky.R064.make(n, n);
    if (!chol.decompose(R064Store.wrap(symmetrize(s, n), n)) || !chol.isSolvable()) {
      throw new ArithmeticException("Cholesky of a " + n + "×" + n + " matrix failed: not positive definite");
    }
    MatrixStore<Double> x = chol.getSolution(R064Store.wrap(b.clone(), n));
    double[] out = new double[n * k];
    for (int j = 0; j < k; j++) {
      for (int i = 0; i < n; i++) out[j * n + i] = x.doubleValue(i, j);
    }
    return out;
  }

  /**
   * Singular values (descending) and right singular vectors (columns, column-major [n, n]) of a symmetric positive
   * semi-definite S [n, n] given as rows: for such S these are its eigenvalues and eigenvectors. Decomposes S as
   * given (no symmetrisation, no reordering), which the trace-norm penalty's results are pinned to.
   */
  public static Eigen psdSvd(double[][] s) {
    int n = s.length;
    R064Store m = store(s);
    SingularValue<Double> dec = SingularValue.R064.make(m);
    dec.decompose(m);
    double[] values = new double[n];
    dec.getSingularValues(values);
    return new Eigen(values, copyColumns(dec.getV(), n, n));
  }

  /** x with a·x = b for a square a [n, n] given as rows, by LU with partial pivoting; null when a is singular. */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    R064Store matrix = store(a);
    R064Store rhs = R064Store.FACTORY.make(n, 1);
    for (int i = 0; i < n; i++) rhs.set(i, 0, b[i]);
    LU<Double> lu = LU.R064.make(matrix);
    if (!lu.decompose(matrix) || !lu.isSolvable()) return null;
    MatrixStore<Double> solution = lu.getSolution(rhs);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) x[i] = solution.doubleValue(i, 0);
    return x;
  }

  /** a⁻¹ of a square a [n, n] given as rows, by LU; as ojAlgo returns it (no singularity check), rows. */
  public static double[][] inverse(double[][] a) {
    int n = a.length;
    R064Store matrix = store(a);
    LU<Double> lu = LU.R064.make(matrix);
    lu.decompose(matrix);
    MatrixStore<Double> inv = lu.getInverse();
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) out[i][j] = inv.doubleValue(i, j);
    }
    return out;
  }

  private static R064Store store(double[][] rows) {
    int n = rows.length;
    R064Store m = R064Store.FACTORY.make(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) m.set(i, j, rows[i][j]);
    }
    return m;
  }

  /** Largest eigenvalue of a symmetric positive semi-definite S [n, n] (power iteration, 1e-10 relative). */
  public static double largestEigenvalue(double[] s, int n) {
    double[] v = new double[n];
    java.util.Arrays.fill(v, 1.0 / Math.sqrt(n));
    double lambda = 0;
    for (int it = 0; it < 1000; it++) {
      double[] w = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = 0;
        for (int j = 0; j < n; j++) sum += s[i * n + j] * v[j];
        w[i] = sum;
      }
      double norm = 0;
      for (double x : w) norm += x * x;
      norm = Math.sqrt(norm);
      if (norm == 0) return 0;
      for (int i = 0; i < n; i++) v[i] = w[i] / norm;
      if (Math.abs(norm - lambda) <= 1e-10 * norm) return norm;
      lambda = norm;
    }
    return lambda;
  }

  public static double[] transpose(double[] a, int rows, int cols) {
    double[] out = new double[a.length];
    for (int j = 0; j < cols; j++) {
      for (int i = 0; i < rows; i++) out[i * cols + j] = a[j * rows + i];
    }
    return out;
  }

  private static double[] symmetrize(double[] s, int n) {
    double[] out = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) out[j * n + i] = 0.5 * (s[i * n + j] + s[j * n + i]);
    }
    return out;
  }
}
