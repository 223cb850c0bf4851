package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Joint feature selection by the L2,1 norm (Argyriou, Evgeniou &amp; Pontil, Convex Multi-Task Feature Learning, MLJ
 * 2008): min ½Σ_t ||X_t w_t − y_t||² + λΣ_j ||W_{j,·}||₂ (MALSAR Least_L21); whole features drop out of all tasks.
 */
public final class L21 implements LinearFormulation {
  /**
   * @param lambda ρ1 of MALSAR's Least_L21: the weight of Σ_j ||W_{j,·}||₂, >= 0
   * @param loss   least squares (MALSAR's scaling, see above) or logistic
   * @param solver converged (certified FISTA) or MALSAR-compatible
   */
  public record Options(double lambda, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("L21.Options", "lambda", lambda);
      Checks.notNull("L21.Options", "loss", loss);
      Checks.notNull("L21.Options", "solver", solver);
    }

    /** Least squares, solved to convergence. */
    public Options(double lambda) {
      this(lambda, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public L21(Options options) {
    this.options = Checks.notNull("L21", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "l21";
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
    return new CompositeProblem(loss, List.of(Penalty.rowGroups(options.lambda())));
  }
}
