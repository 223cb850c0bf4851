package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Robust multi-task learning (Chen, Zhou &amp; Ye, Integrating Low-Rank and Group-Sparse Structures for Robust
 * Multi-Task Learning, KDD 2011): W = L + S, min ½Σ_t ||X_t w_t − y_t||² + ρ1||L||_* + ρ2 Σ_t ||S_{·,t}||₂
 * (MALSAR Least_RMTL): a low-rank shared part plus a few outlier tasks.
 */
public final class RobustMTL implements LinearFormulation {
  /**
   * @param rho1 weight of the trace norm of the low-rank part L, >= 0
   * @param rho2 weight of the column-group norm of the outlier part S, >= 0
   * @param loss   least squares (MALSAR's scaling, see above) or logistic
   * @param solver converged (certified FISTA) or MALSAR-compatible
   */
  public record Options(double rho1, double rho2, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("RobustMTL.Options", "rho1", rho1);
      Checks.nonNegative("RobustMTL.Options", "rho2", rho2);
      Checks.notNull("RobustMTL.Options", "loss", loss);
      Checks.notNull("RobustMTL.Options", "solver", solver);
    }

    /** Least squares, solved to convergence. */
    public Options(double rho1, double rho2) {
      this(rho1, rho2, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public RobustMTL(Options options) {
    this.options = Checks.notNull("RobustMTL", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "robust";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    return LinearFits.solve(name(), problem(SmoothLoss.of(options.loss(), train, 0.5)), train, options.solver(),
        warmStart, LinearFits.MalsarStyle.DATA_START, options.loss(), List.of("L", "S"));
  }

  @Override
  public LinearMtlModel fit(RowSum rows) {
    return LinearFits.solveRows(name(), problem(SmoothLoss.of(options.loss(), rows, 0.5)), options.solver(),
        options.loss(), List.of("L", "S"));
  }

  private CompositeProblem problem(SmoothLoss loss) {
    return new CompositeProblem(loss, List.of(Penalty.trace(options.rho1()), Penalty.columnGroups(options.rho2())));
  }
}
