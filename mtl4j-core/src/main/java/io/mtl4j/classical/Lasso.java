package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Per-task Lasso baseline (Tibshirani 1996), solved for all tasks at once as MALSAR Least_Lasso does:
 * min ½Σ_t ||X_t w_t − y_t||² + λ||W||₁ (the tasks do not interact).
 */
public final class Lasso implements LinearFormulation {
  /**
   * @param lambda ρ1 of MALSAR's Least_Lasso: the weight of ||W||₁, >= 0
   * @param loss   least squares (MALSAR's scaling, see above) or logistic
   * @param solver converged (certified FISTA) or MALSAR-compatible
   */
  public record Options(double lambda, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("Lasso.Options", "lambda", lambda);
      Checks.notNull("Lasso.Options", "loss", loss);
      Checks.notNull("Lasso.Options", "solver", solver);
    }

    /** Least squares, solved to convergence. */
    public Options(double lambda) {
      this(lambda, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public Lasso(Options options) {
    this.options = Checks.notNull("Lasso", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "lasso";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    return LinearFits.solve(name(), problem(SmoothLoss.of(options.loss(), train, 0.5)), train, options.solver(),
        warmStart, LinearFits.MalsarStyle.DATA_START, options.loss(), List.of());
  }

  @Override
  public LinearMtlModel fit(RowSum rows) {
    return LinearFits.solveRows(name(), problem(SmoothLoss.of(options.loss(), rows, 0.5)), options.solver(),
        options.loss(), List.of());
  }

  private CompositeProblem problem(SmoothLoss loss) {
    return new CompositeProblem(loss, List.of(Penalty.l1(options.lambda())));
  }
}
