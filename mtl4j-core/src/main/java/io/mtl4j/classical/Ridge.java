package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import io.mtl4j.linalg.Linalg;
import java.util.List;

/**
 * Per-task ridge regression baseline (Hoerl &amp; Kennard 1970): min_w_t ½||X_t w_t − y_t||² + (λ/2)||w_t||² for
 * each task alone; least squares in closed form w_t = (G_t + λI)⁻¹ X_tᵀy_t, logistic by FISTA.
 */
public final class Ridge implements LinearFormulation {
  /**
   * @param lambda weight λ of (λ/2)||w_t||², >= 0 (0: minimum-norm least squares per task)
   * @param loss   least squares or logistic
   * @param solver used for the logistic loss only (least squares is closed form)
   */
  public record Options(double lambda, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("Ridge.Options", "lambda", lambda);
      Checks.notNull("Ridge.Options", "loss", loss);
      Checks.notNull("Ridge.Options", "solver", solver);
    }

    public Options(double lambda) {
      this(lambda, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public Ridge(Options options) {
    this.options = Checks.notNull("Ridge", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "ridge";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    if (options.loss() == LossFunction.LOGISTIC) {
      return LinearFits.solve(name(), logistic(SmoothLoss.of(options.loss(), train, 0.5)), train, options.solver(),
          warmStart, LinearFits.MalsarStyle.DATA_START, options.loss(), List.of());
    }
    long start = System.nanoTime();
    LeastSquaresStats gram = LeastSquaresStats.of(train);
    int d = train.features();
    double[] w = new double[d * train.tasks()];
    for (int t = 0; t < train.tasks(); t++) {
      double[] wt = solve(gram.g(t), gram.b[t], d, options.lambda());
      System.arraycopy(wt, 0, w, t * d, d);
    }
    double objective = new LeastSquaresLoss(gram, 0.5).evaluate(w, null, null, null);
    for (double v : w) objective += options.lambda() / 2 * v * v;
    FitReport report = FitReport.exact("closed-form", objective, LinearFits.seconds(start));
    return new LinearMtlModel(name(), d, train.tasks(), w, null, options.loss(), report, java.util.Map.of(), w);
  }

  /** Logistic ridge only: least squares is solved in closed form from the Gram statistics of rows in memory. */
  @Override
  public LinearMtlModel fit(RowSum rows) {
    if (options.loss() != LossFunction.LOGISTIC) throw LinearFits.closedForm(name());
    return LinearFits.solveRows(name(), logistic(SmoothLoss.of(options.loss(), rows, 0.5)), options.solver(),
        options.loss(), List.of());
  }

  private CompositeProblem logistic(SmoothLoss loss) {
    return new CompositeProblem(loss, List.of(Penalty.none()), TaskCouplings.identity(loss.tasks(),
        options.lambda() / 2));
  }

  /** (G + λI)⁻¹b by Cholesky, or the minimum-norm solution when λ = 0 and G may be singular. */
  static double[] solve(double[] g, double[] b, int d, double lambda) {
    if (lambda == 0) return Linalg.psdSolve(g, d, b, 1e-12);
    double[] a = g.clone();
    for (int i = 0; i < d; i++) a[i * d + i] += lambda;
    return Linalg.spdSolve(a, d, b, 1);
  }
}
