package io.mtl4j.classical;

import io.mtl4j.linalg.Linalg;
import io.mtl4j.classical.solver.Prox;
import io.mtl4j.config.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-task relationship learning (Zhang &amp; Yeung, A Convex Formulation for Learning Task Relationships in
 * Multi-Task Learning, UAI 2010): min_{W, Ω} ½Σ_t ||X_t w_t − y_t||² + (λ1/2)||W||²_F + (λ2/2)·tr(W·Ω⁻¹·Wᵀ)
 * s.t. Ω ⪰ 0, tr(Ω) = 1, with the learned task covariance Ω.
 *
 * <p>Minimising over Ω in closed form, Ω = (WᵀW)^{1/2} / tr((WᵀW)^{1/2}), leaves tr(W Ω⁻¹ Wᵀ) = ||W||²_* (the
 * squared trace norm), so the problem in W alone is min loss + (λ1/2)||W||²_F + (λ2/2)||W||²_*: certified FISTA
 * with the exact prox of the squared trace norm ({@link Prox#squaredTrace}), then Ω from the solution. This is the
 * limit ε → 0 of the paper's alternating scheme, reached without its slow alternation.
 */
public final class MTRL implements LinearFormulation {
  /**
   * @param lambda1 λ1 >= 0, ridge weight
   * @param lambda2 λ2 >= 0, weight of the task-covariance term
   * @param loss    least squares or logistic
   * @param solver  FISTA settings (converged mode only)
   */
  public record Options(double lambda1, double lambda2, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("MTRL.Options", "lambda1", lambda1);
      Checks.nonNegative("MTRL.Options", "lambda2", lambda2);
      Checks.notNull("MTRL.Options", "loss", loss);
      Checks.notNull("MTRL.Options", "solver", solver);
    }

    public Options(double lambda1, double lambda2) {
      this(lambda1, lambda2, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public MTRL(Options options) {
    this.options = Checks.notNull("MTRL", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "mtrl";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    return withCovariance(LinearFits.solve(name(), problem(SmoothLoss.of(options.loss(), train, 0.5)), train,
        solver(), warmStart, LinearFits.MalsarStyle.DATA_START, options.loss(), List.of()));
  }

  @Override
  public LinearMtlModel fit(RowSum rows) {
    return withCovariance(LinearFits.solveRows(name(), problem(SmoothLoss.of(options.loss(), rows, 0.5)), solver(),
        options.loss(), List.of()));
  }

  private CompositeProblem problem(SmoothLoss loss) {
    return new CompositeProblem(loss, List.of(Penalty.squaredTrace(options.lambda2() / 2)),
        TaskCouplings.identity(loss.tasks(), options.lambda1() / 2));
  }

  /** MTRL has no MALSAR loop of its own: malsar mode is solved to convergence. */
  private SolverOptions solver() {
    return options.solver().mode() == SolverOptions.Mode.MALSAR ? SolverOptions.converged() : options.solver();
  }

  /** The fitted W with Ω = (WᵀW)^{1/2} / tr(·) and its correlations as parts. */
  private LinearMtlModel withCovariance(LinearMtlModel base) {
    int tasks = base.tasks();
    int d = base.features();
    double[] omega = covariance(base.weightMatrix().values(), d, tasks);
    Map<String, DenseMatrix> parts = new LinkedHashMap<>();
    parts.put("omega", new DenseMatrix(tasks, tasks, omega));
    parts.put("correlation", new DenseMatrix(tasks, tasks, correlation(omega, tasks)));
    return new LinearMtlModel(name(), d, tasks, base.weightMatrix().values(),
        options.loss() == LossFunction.LOGISTIC ? base.intercepts() : null, options.loss(), base.report(), parts,
        base.state());
  }

  /** Ω = (WᵀW)^{1/2} / tr((WᵀW)^{1/2}) (Zhang &amp; Yeung, Eq. 9); I/T when W = 0. */
  static double[] covariance(double[] w, int d, int tasks) {
    double[] wtw = new double[tasks * tasks];
    for (int s = 0; s < tasks; s++) {
      for (int t = s; t < tasks; t++) {
        double dot = 0;
        for (int j = 0; j < d; j++) dot += w[s * d + j] * w[t * d + j];
        wtw[s * tasks + t] = dot;
        wtw[t * tasks + s] = dot;
      }
    }
    double[] root = Linalg.spectralFunction(wtw, tasks, v -> Math.sqrt(Math.max(v, 0)));
    double tr = 0;
    for (int t = 0; t < tasks; t++) tr += root[t * tasks + t];
    if (!(tr > 0)) return TaskCouplings.identity(tasks, 1.0 / tasks);
    for (int i = 0; i < root.length; i++) root[i] /= tr;
    return root;
  }

  /** Ω_st / √(Ω_ss Ω_tt), 0 where a task's variance is 0 (any PSD [T, T] matrix scaled to unit diagonal). */
  public static double[] correlation(double[] omega, int tasks) {
    double[] c = new double[tasks * tasks];
    for (int s = 0; s < tasks; s++) {
      for (int t = 0; t < tasks; t++) {
        double den = Math.sqrt(omega[s * tasks + s] * omega[t * tasks + t]);
        c[s * tasks + t] = den > 0 ? omega[s * tasks + t] / den : (s == t ? 1 : 0);
      }
    }
    return c;
  }
}
