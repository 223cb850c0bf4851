package io.mtl4j.weighting.solver;

import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Dense square solves for the small [T, T] systems of the weighting solvers (ojAlgo LU with partial pivoting). */
public final class DenseSolve {
  private DenseSolve() {}

  /** x with a·x = b; null when a is singular. */
  public static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    R064Store matrix = R064Store.FACTORY.make(n, n);
    R064Store rhs = R064Store.FACTORY.make(n, 1);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        matrix.set(i, j, a[i][j]);
      }
      rhs.set(i, 0, b[i]);
    }
    LU<Double> lu = LU.R064.make(matrix);
    if (!lu.decompose(matrix) || !lu.isSolvable()) {
      return null;
    }
    MatrixStore<Double> solution = lu.getSolution(rhs);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = solution.doubleValue(i, 0);
    }
    return x;
  }
}
