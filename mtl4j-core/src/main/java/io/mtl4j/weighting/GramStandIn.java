package io.mtl4j.weighting;

import io.mtl4j.linalg.Linalg;

/**
 * A step's context in which each task gradient g_t is replaced by a T-dimensional stand-in r_t with the same inner
 * products: with Gram = V Λ Vᵀ, r_t is row t of V Λ^{1/2}, so r_s·r_t = g_s·g_t. A weighting whose update depends on
 * the gradients only through inner products and is a combination Σ_t β_t·g_t
 * ({@link Weighting.Requirements#innerProductsOnly}) finds the same β here in O(T³) instead of O(T²·d);
 * {@link #coefficients()} reads β back from its combined stand-in.
 */
public final class GramStandIn implements WeightingContext {
  /** Eigenvalues below this fraction of the largest carry no direction the gradients span (rounding noise). */
  private static final double RELATIVE_CUTOFF = 1e-12;

  private final WeightingContext step;
  private final double[][] eigenvectors; // V, [T][T]
  private final double[] roots;          // √λ_k, 0 for dropped directions
  private final double[][] standIns;     // [T][T]
  private final double[] shared;

  /** @param gram the task gradients' Gram matrix G Gᵀ, [T][T] */
  public GramStandIn(WeightingContext step, double[][] gram) {
    int tasks = gram.length;
    if (tasks != step.taskCount()) {
      throw new IllegalArgumentException("Gram matrix of " + tasks + " tasks for a step of " + step.taskCount());
    }
    this.step = step;
    this.eigenvectors = new double[tasks][tasks];
    this.roots = new double[tasks];
    decompose(gram);
    this.standIns = new double[tasks][tasks];
    for (int t = 0; t < tasks; t++) {
      for (int k = 0; k < tasks; k++) standIns[t][k] = eigenvectors[t][k] * roots[k];
    }
    this.shared = new double[tasks];
  }

  private void decompose(double[][] gram) {
    int tasks = gram.length;
    Linalg.Eigen e = Linalg.symmetricEigen(Vectors.flatten(gram), tasks);
    double largest = Math.max(0, e.values()[tasks - 1]);
    for (int k = 0; k < tasks; k++) {
      double lambda = e.values()[k];
      roots[k] = lambda > largest * RELATIVE_CUTOFF ? Math.sqrt(lambda) : 0.0;
      for (int t = 0; t < tasks; t++) eigenvectors[t][k] = e.vectors()[k * tasks + t];
    }
  }

  /**
   * β with Σ_t β_t·r_t = the combined stand-in the weighting wrote, β = V Λ^{-1/2} c (directions the gradients do
   * not span get 0): applied to the real gradients, Σ_t β_t·g_t is the weighting's update.
   */
  public double[] coefficients() {
    int tasks = roots.length;
    double[] scaled = new double[tasks];
    for (int k = 0; k < tasks; k++) scaled[k] = roots[k] == 0 ? 0 : shared[k] / roots[k];
    double[] beta = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      for (int k = 0; k < tasks; k++) beta[t] += eigenvectors[t][k] * scaled[k];
    }
    return beta;
  }

  @Override
  public int taskCount() {
    return step.taskCount();
  }

  @Override
  public double[] losses(int sample) {
    return step.losses(sample);
  }

  /** Fresh copies of the stand-ins: a method may modify them in place. */
  @Override
  public double[][] taskGradients(int sample) {
    if (sample != 0) throw new IllegalArgumentException("loss sample " + sample + ": stand-ins exist for one sample");
    return Vectors.copy(standIns);
  }

  @Override
  public double[] sharedGradient() {
    return shared;
  }

  @Override
  public long step() {
    return step.step();
  }

  @Override
  public int epoch() {
    return step.epoch();
  }

  @Override
  public double[][] lossHistory() {
    return step.lossHistory();
  }

  @Override
  public RandomSource random() {
    return step.random();
  }

  /** One block: per-block statistics (GradVac) see the whole stand-in. */
  @Override
  public int[] parameterSizes() {
    return new int[] {roots.length};
  }
}
