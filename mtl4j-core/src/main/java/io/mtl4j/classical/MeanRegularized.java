package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import io.mtl4j.linalg.Linalg;
import java.util.List;
import java.util.Map;

/**
 * Regularized multi-task learning (Evgeniou &amp; Pontil, KDD 2004): w_t = w0 + v_t,
 * min ½Σ_t ||X_t w_t − y_t||² + (λ1/2)Σ_t ||w_t − w0||² + (λ2/2)||w0||², tasks pulled towards a shared w0.
 *
 * <p>Least squares is solved in closed form: v_t = (G_t + λ1 I)⁻¹(b_t − G_t w0) and
 * (λ1 T I − λ1² Σ_t (G_t + λ1 I)⁻¹ + λ2 I)·w0 = λ1 Σ_t (G_t + λ1 I)⁻¹ b_t. The logistic loss uses FISTA on W with
 * w0 eliminated: the regulariser is then tr(W·M·Wᵀ) with M = (λ1/2)(I − c·11ᵀ), c = λ1/(Tλ1 + λ2).
 */
public final class MeanRegularized implements LinearFormulation {
  /**
   * @param lambda1 pull λ1 of every task towards w0, > 0 (E&amp;P's λ1/T; large λ1 → one pooled model)
   * @param lambda2 shrinkage λ2 of the shared w0, >= 0 (0: w0 is the plain ridge-weighted mean of the tasks)
   * @param loss    least squares or logistic
   * @param solver  used for the logistic loss only
   */
  public record Options(double lambda1, double lambda2, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.positive("MeanRegularized.Options", "lambda1", lambda1);
      Checks.nonNegative("MeanRegularized.Options", "lambda2", lambda2);
      Checks.notNull("MeanRegularized.Options", "loss", loss);
      Checks.notNull("MeanRegularized.Options", "solver", solver);
    }

    public Options(double lambda1, double lambda2) {
      this(lambda1, lambda2, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public MeanRegularized(Options options) {
    this.options = Checks.notNull("MeanRegularized", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "mean-regularized";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    int tasks = train.tasks();
    double l1 = options.lambda1();
    double l2 = options.lambda2();
    if (options.loss() == LossFunction.LOGISTIC) {
      return LinearFits.solve(name(), logistic(SmoothLoss.of(options.loss(), train, 0.5)), train, options.solver(),
          warmStart, LinearFits.MalsarStyle.DATA_START, options.loss(), List.of());
    }
    long start = System.nanoTime();
    LeastSquaresStats gram = LeastSquaresStats.of(train);
    int d = train.features();
    double[] system = new double[d * d];
    double[] rhs = new double[d];
    double[][] inverse = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      inverse[t] = shiftedInverse(gram.g(t), d, l1);
      for (int i = 0; i < d * d; i++) system[i] -= l1 * l1 * inverse[t][i];
      for (int i = 0; i < d; i++) {
        double s = 0;
        for (int j = 0; j < d; j++) s += inverse[t][i * d + j] * gram.b[t][j];
        rhs[i] += l1 * s;
      }
    }
    for (int i = 0; i < d; i++) system[i * d + i] += l1 * tasks + l2;
    double[] w0 = Linalg.psdSolve(system, d, rhs, 1e-13);
    double[] w = new double[d * tasks];
    for (int t = 0; t < tasks; t++) {
      double[] r = new double[d];
      for (int i = 0; i < d; i++) {
        double gw = 0;
        for (int j = 0; j < d; j++) gw += gram.g(t)[i * d + j] * w0[j];
        r[i] = gram.b[t][i] - gw;
      }
      for (int i = 0; i < d; i++) {
        double v = 0;
        for (int j = 0; j < d; j++) v += inverse[t][i * d + j] * r[j];
        w[t * d + i] = w0[i] + v;
      }
    }
    double objective = new LeastSquaresLoss(gram, 0.5).evaluate(w, null, null, null);
    for (int t = 0; t < tasks; t++) {
      for (int i = 0; i < d; i++) objective += l1 / 2 * Math.pow(w[t * d + i] - w0[i], 2);
    }
    for (double v : w0) objective += l2 / 2 * v * v;
    FitReport report = FitReport.exact("closed-form", objective, LinearFits.seconds(start));
    return new LinearMtlModel(name(), d, tasks, w, null, options.loss(), report,
        Map.of("w0", new DenseMatrix(d, 1, w0)), w);
  }

  /** Logistic loss only: least squares is solved in closed form from the Gram statistics of rows in memory. */
  @Override
  public LinearMtlModel fit(RowSum rows) {
    if (options.loss() != LossFunction.LOGISTIC) throw LinearFits.closedForm(name());
    return LinearFits.solveRows(name(), logistic(SmoothLoss.of(options.loss(), rows, 0.5)), options.solver(),
        options.loss(), List.of());
  }

  /** w0 eliminated: tr(W·M·Wᵀ) with M = (λ1/2)(I − c·11ᵀ), c = λ1/(Tλ1 + λ2). */
  private CompositeProblem logistic(SmoothLoss loss) {
    int tasks = loss.tasks();
    double l1 = options.lambda1();
    double c = l1 / (tasks * l1 + options.lambda2());
    double[] m = new double[tasks * tasks];
    for (int s = 0; s < tasks; s++) {
      for (int t = 0; t < tasks; t++) m[s * tasks + t] = l1 / 2 * ((s == t ? 1 : 0) - c);
    }
    return new CompositeProblem(loss, List.of(Penalty.none()), m);
  }

  /** (G + λI)⁻¹ [D, D] by Cholesky (λ > 0 makes it positive definite). */
  private static double[] shiftedInverse(double[] g, int d, double lambda) {
    double[] a = g.clone();
    for (int i = 0; i < d; i++) a[i * d + i] += lambda;
    double[] identity = new double[d * d];
    for (int i = 0; i < d; i++) identity[i * d + i] = 1;
    return Linalg.spdSolve(a, d, identity, d);
  }
}
