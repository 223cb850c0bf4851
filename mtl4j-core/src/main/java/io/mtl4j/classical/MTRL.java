package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;
import io.mtl4j.classical.solver.Linalg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-task relationship learning (Zhang &amp; Yeung, A Convex Formulation for Learning Task Relationships in
 * Multi-Task Learning, UAI 2010): min_{W, Ω} ½Σ_t ||X_t w_t − y_t||² + (λ1/2)||W||²_F + (λ2/2)·tr(W·Ω⁻¹·Wᵀ)
 * s.t. Ω ⪰ 0, tr(Ω) = 1, with the learned task covariance Ω.
 *
 * <p>Alternating minimisation as in the paper: W given Ω by certified FISTA (warm-started), Ω given W in closed
 * form, Ω = (WᵀW + εI)^{1/2} / tr((WᵀW + εI)^{1/2}); ε keeps Ω invertible (the paper's perturbation).
 */
public final class MTRL implements LinearFormulation {
  /**
   * @param lambda1  λ1 >= 0, ridge weight
   * @param lambda2  λ2 > 0, weight of the task-covariance term
   * @param epsilon  ε > 0 added to WᵀW before the square root (relative to tr(WᵀW)/T)
   * @param outerTol relative objective change that stops the alternation
   * @param maxOuter cap on outer steps
   */
  public record Options(double lambda1, double lambda2, double epsilon, double outerTol, int maxOuter,
                        LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("lambda1", lambda1);
      Checks.positive("lambda2", lambda2);
      Checks.positive("epsilon", epsilon);
      Checks.positive("outerTol", outerTol);
      Checks.atLeast("maxOuter", maxOuter, 1);
      Checks.notNull("loss", loss);
      Checks.notNull("solver", solver);
    }

    public Options(double lambda1, double lambda2) {
      this(lambda1, lambda2, 1e-4, 1e-8, 200, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public MTRL(Options options) {
    this.options = Checks.notNull("options", options);
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
    long start = System.nanoTime();
    int tasks = train.tasks();
    int d = train.features();
    SmoothLoss loss = SmoothLoss.of(options.loss(), train, 0.5);
    double[] omega = TaskCouplings.identity(tasks, 1.0 / tasks);
    double[] x = warmStart != null && warmStart.state() != null ? warmStart.state().clone() : null;
    double previous = Double.POSITIVE_INFINITY;
    Fista.Result r = null;
    CompositeProblem p = null;
    boolean converged = false;
    int outer;
    for (outer = 1; outer <= options.maxOuter(); outer++) {
      double[] coupling = Linalg.spectralFunction(omega, tasks, v -> options.lambda2() / 2 / v);
      for (int t = 0; t < tasks; t++) coupling[t * tasks + t] += options.lambda1() / 2;
      p = new CompositeProblem(loss, List.of(Penalty.none()), coupling);
      if (x == null || x.length != p.dimension()) x = new double[p.dimension()];
      r = Fista.minimize(p, x, options.solver().fista());
      x = r.x();
      double objective = r.objective();
      omega = covariance(p.weights(x), d, tasks, options.epsilon());
      if (Math.abs(previous - objective) <= options.outerTol() * Math.abs(objective)) {
        converged = r.converged();
        break;
      }
      previous = objective;
    }
    FitReport report = new FitReport("alternating-fista", Math.min(outer, options.maxOuter()), converged,
        r.objective(), r.residual(), Double.NaN, LinearFits.seconds(start));
    LinearMtlModel base = LinearFits.model(name(), p, x, options.loss(), report, List.of());
    Map<String, DenseMatrix> parts = new LinkedHashMap<>();
    parts.put("omega", new DenseMatrix(tasks, tasks, omega));
    parts.put("correlation", new DenseMatrix(tasks, tasks, correlation(omega, tasks)));
    return new LinearMtlModel(name(), d, tasks, base.weightMatrix().values(),
        p.loss.hasIntercept() ? base.intercepts() : null, options.loss(), report, parts, x);
  }

  /** Ω = (WᵀW + εI)^{1/2} / tr(·), the closed-form Ω-step (Zhang &amp; Yeung, Eq. 9). */
  static double[] covariance(double[] w, int d, int tasks, double epsilon) {
    double[] wtw = new double[tasks * tasks];
    double trace = 0;
    for (int s = 0; s < tasks; s++) {
      for (int t = s; t < tasks; t++) {
        double dot = 0;
        for (int j = 0; j < d; j++) dot += w[s * d + j] * w[t * d + j];
        wtw[s * tasks + t] = dot;
        wtw[t * tasks + s] = dot;
      }
      trace += wtw[s * tasks + s];
    }
    double eps = epsilon * Math.max(trace / tasks, 1e-12);
    for (int t = 0; t < tasks; t++) wtw[t * tasks + t] += eps;
    double[] root = Linalg.spectralFunction(wtw, tasks, v -> Math.sqrt(Math.max(v, 0)));
    double tr = 0;
    for (int t = 0; t < tasks; t++) tr += root[t * tasks + t];
    for (int i = 0; i < root.length; i++) root[i] /= tr;
    return root;
  }

  static double[] correlation(double[] omega, int tasks) {
    double[] c = new double[tasks * tasks];
    for (int s = 0; s < tasks; s++) {
      for (int t = 0; t < tasks; t++) {
        c[s * tasks + t] = omega[s * tasks + t] / Math.sqrt(omega[s * tasks + s] * omega[t * tasks + t]);
      }
    }
    return c;
  }
}
