package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Robust multi-task feature learning (Gong, Ye &amp; Zhang, KDD 2012): W = P + Q,
 * min Σ_t ||X_t w_t − y_t||² + ρ1 Σ_j ||P_{j,·}||₂ + ρ2 Σ_t ||Q_{·,t}||₂ (MALSAR Least_rMTFL; note: no ½).
 */
public final class RMTFL implements LinearFormulation {
  /**
   * @param rho1 weight of the shared-feature part P (feature rows, L2,1), >= 0
   * @param rho2 weight of the outlier-task part Q (task columns, L2,1 of Qᵀ), >= 0
   * @param loss   least squares (MALSAR's scaling, see above) or logistic
   * @param solver converged (certified FISTA) or MALSAR-compatible
   */
  public record Options(double rho1, double rho2, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("RMTFL.Options", "rho1", rho1);
      Checks.nonNegative("RMTFL.Options", "rho2", rho2);
      Checks.notNull("RMTFL.Options", "loss", loss);
      Checks.notNull("RMTFL.Options", "solver", solver);
    }

    /** Least squares, solved to convergence. */
    public Options(double rho1, double rho2) {
      this(rho1, rho2, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public RMTFL(Options options) {
    this.options = Checks.notNull("RMTFL", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "rmtfl";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    return LinearFits.solve(name(), problem(SmoothLoss.of(options.loss(), train, 1.0)), train, options.solver(),
        warmStart, LinearFits.MalsarStyle.RANDOM_START, options.loss(), List.of("P", "Q"));
  }

  @Override
  public LinearMtlModel fit(RowSum rows) {
    return LinearFits.solveRows(name(), problem(SmoothLoss.of(options.loss(), rows, 1.0)), options.solver(),
        options.loss(), List.of("P", "Q"));
  }

  private CompositeProblem problem(SmoothLoss loss) {
    return new CompositeProblem(loss, List.of(Penalty.rowGroups(options.rho1()), Penalty.columnGroups(options.rho2())));
  }
}
