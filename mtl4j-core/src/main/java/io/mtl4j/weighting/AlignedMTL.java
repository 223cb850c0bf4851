package io.mtl4j.weighting;

import io.mtl4j.linalg.Linalg;
import io.mtl4j.weighting.solver.Gram;

/** Aligned-MTL (Senushkin et al., "Independent Component Alignment for Multi-Task Learning", CVPR 2023). */
public final class AlignedMTL implements Weighting {
  /** Machine epsilon of double, torch.finfo(float64).eps, for the rank cut-off. */
  private static final double EPS = Math.ulp(1.0);

  @Override
  public Requirements requirements() { return Requirements.INNER_PRODUCTS; }

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
    Linalg.Eigen e = Linalg.symmetricEigen(Vectors.flatten(gram), tasks);
    double[] lambda = e.values(), v = e.vectors(); // ascending; eigenvector k is v[k·T … k·T + T)
    double tol = lambda[tasks - 1] * tasks * EPS;
    double minKept = Double.POSITIVE_INFINITY;
    for (double l : lambda) {
      if (l > tol) minKept = Math.min(minKept, l);
    }
    double[] alpha = new double[tasks];
    double root = Math.sqrt(minKept);
    for (int k = 0; k < tasks; k++) {
      if (!(lambda[k] > tol)) continue;
      double c = root / Math.sqrt(lambda[k]);
      // column sums of c · v_k v_kᵀ: c · v_k[col] · Σ_row v_k[row]
      double columnSum = 0.0;
      for (int row = 0; row < tasks; row++) columnSum += v[k * tasks + row];
      for (int col = 0; col < tasks; col++) alpha[col] += c * v[k * tasks + col] * columnSum;
    }
    return alpha;
  }
}
