package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Trace-norm regularised multi-task learning (Ji &amp; Ye, An Accelerated Gradient Method for Trace Norm Minimization,
 * ICML 2009): min ½Σ_t ||X_t w_t − y_t||² + λ||W||_* (MALSAR Least_Trace), a low-rank W [D, T].
 */
public final class TraceNorm implements LinearFormulation {
  /**
   * @param lambda ρ1 of MALSAR's Least_Trace: the weight of the trace norm ||W||_*, >= 0
   * @param loss   least squares (MALSAR's scaling, see above) or logistic
   * @param solver converged (certified FISTA) or MALSAR-compatible
   */
  public record Options(double lambda, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("TraceNorm.Options", "lambda", lambda);
      Checks.notNull("TraceNorm.Options", "loss", loss);
      Checks.notNull("TraceNorm.Options", "solver", solver);
    }

    /** Least squares, solved to convergence. */
    public Options(double lambda) {
      this(lambda, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public TraceNorm(Options options) {
    this.options = Checks.notNull("TraceNorm", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "trace";
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
    return new CompositeProblem(loss, List.of(Penalty.trace(options.lambda())));
  }
}
