package io.mtl4j.classical;

/**
 * The smooth data-fit part f(W, c) of a formulation, W [D, T] column-major (task t is column t), c [T] the
 * intercepts (empty when the loss has none).
 */
interface SmoothLoss {
  int features();

  int tasks();

  boolean hasIntercept();

  /** True when f is quadratic in (W, c). */
  boolean quadratic();

  /** f(W, c); writes ∇_W into gw and ∇_c into gc when they are not null. */
  double evaluate(double[] w, double[] c, double[] gw, double[] gc);

  /** An estimate of the Lipschitz constant of ∇f. */
  double lipschitzEstimate();

  /** Builds the loss of a formulation: least squares times {@code scale} (MALSAR's 0.5 or 1), or logistic. */
  static SmoothLoss of(LossFunction kind, MultiTaskData data, double scale) {
    return kind == LossFunction.LEAST_SQUARES ? new LeastSquaresLoss(LeastSquaresStats.of(data), scale)
        : new LogisticLoss(data);
  }

  /** The same loss computed from sums over rows that may live elsewhere ({@link RowSumLoss}). */
  static SmoothLoss of(LossFunction kind, RowSum rows, double scale) {
    return new RowSumLoss(rows, kind, scale);
  }
}
