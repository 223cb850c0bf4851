package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Aligned-MTL (Senushkin et al., "Independent Component Alignment for Multi-Task Learning", CVPR 2023). */
public final class AlignedMTL implements Weighting {
  /** Machine epsilon of double, torch.finfo(float64).eps, for the rank cut-off. */
  private static final double EPS = Math.ulp(1.0);

  @Override
  public Needs needs() {
    return Needs.SHARED_PARAM_GRADS;
  }

  @Override
  public boolean innerProductsOnly() {
    return true;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] g = ctx.taskGradients();
    double[] alpha = alignedWeights(Gram.of(g));
    Gram.combine(alpha, g, ctx.sharedGradient());
    return new StepWeights(null, alpha);
  }

  /**
   * With M = V Λ Vᵀ (eigenvalues above max(λ)·T·eps kept), B = √λ_min · V Λ^{-1/2} Vᵀ aligns the principal
   * components of the gradient matrix to equal norm (Eq. 10); the task weights are the column sums of B.
   */
  static double[] alignedWeights(double[][] gram) {
    int tasks = gram.length;
    R064Store m = R064Store.FACTORY.make(tasks, tasks);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        m.set(i, j, gram[i][j]);
      }
    }
    Eigenvalue<Double> evd = Eigenvalue.R064.make(m, true);
    if (!evd.decompose(m)) {
      throw new IllegalStateException("Aligned-MTL: eigendecomposition of the gradient Gram matrix failed");
    }
    MatrixStore<Double> d = evd.getD();
    MatrixStore<Double> v = evd.getV();
    double maxLambda = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < tasks; i++) {
      maxLambda = Math.max(maxLambda, d.doubleValue(i, i));
    }
    double tol = maxLambda * tasks * EPS;
    double minKept = Double.POSITIVE_INFINITY;
    for (int i = 0; i < tasks; i++) {
      double lambda = d.doubleValue(i, i);
      if (lambda > tol) {
        minKept = Math.min(minKept, lambda);
      }
    }
    double[] alpha = new double[tasks];
    double root = Math.sqrt(minKept);
    for (int k = 0; k < tasks; k++) {
      double lambda = d.doubleValue(k, k);
      if (!(lambda > tol)) {
        continue;
      }
      double c = root / Math.sqrt(lambda);
      // column sums of c · v_k v_kᵀ: c · v_k[col] · Σ_row v_k[row]
      double columnSum = 0.0;
      for (int row = 0; row < tasks; row++) {
        columnSum += v.doubleValue(row, k);
      }
      for (int col = 0; col < tasks; col++) {
        alpha[col] += c * v.doubleValue(col, k) * columnSum;
      }
    }
    return alpha;
  }
}
