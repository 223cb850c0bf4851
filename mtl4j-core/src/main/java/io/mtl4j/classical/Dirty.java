package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Dirty model (Jalali, Ravikumar, Sanghavi &amp; Ruan, A Dirty Model for Multi-task Learning, NIPS 2010):
 * min Σ_t ||X_t (p_t + q_t) − y_t||² + ρ1 Σ_j ||P_{j,·}||_∞ + ρ2 ||Q||₁ (MALSAR Least_Dirty; note: no ½).
 */
public final class Dirty implements LinearFormulation {
  /**
   * @param rho1 weight of the block-sparse part P (L1,∞), >= 0
   * @param rho2 weight of the element-sparse part Q (L1), >= 0
   * @param loss   least squares (MALSAR's scaling, see above) or logistic
   * @param solver converged (certified FISTA) or MALSAR-compatible
   */
  public record Options(double rho1, double rho2, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("Dirty.Options", "rho1", rho1);
      Checks.nonNegative("Dirty.Options", "rho2", rho2);
      Checks.notNull("Dirty.Options", "loss", loss);
      Checks.notNull("Dirty.Options", "solver", solver);
    }

    /** Least squares, solved to convergence. */
    public Options(double rho1, double rho2) {
      this(rho1, rho2, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public Dirty(Options options) {
    this.options = Checks.notNull("Dirty", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "dirty";
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
    return new CompositeProblem(loss, List.of(Penalty.rowLinf(options.rho1()), Penalty.l1(options.rho2())));
  }
}
