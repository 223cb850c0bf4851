package io.mtl4j.classical;

import io.mtl4j.config.Checks;
import java.util.List;

/**
 * Pooled baseline: one model for all tasks, min_w ½Σ_t ||X_t w − y_t||² + (λ/2)||w||² (least squares in closed
 * form: (Σ_t G_t + λI)⁻¹ Σ_t X_tᵀy_t, the minimum-norm solution when λ = 0; logistic by FISTA).
 */
public final class Pooled implements LinearFormulation {
  /**
   * @param lambda weight λ of (λ/2)||w||², >= 0 (default 0: plain least squares)
   * @param loss   least squares or logistic
   * @param solver used for the logistic loss only
   */
  public record Options(double lambda, LossFunction loss, SolverOptions solver) {
    public Options {
      Checks.nonNegative("Pooled.Options", "lambda", lambda);
      Checks.notNull("Pooled.Options", "loss", loss);
      Checks.notNull("Pooled.Options", "solver", solver);
    }

    public Options() {
      this(0, LossFunction.LEAST_SQUARES, SolverOptions.converged());
    }
  }

  private final Options options;

  public Pooled(Options options) {
    this.options = Checks.notNull("Pooled", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "pooled";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    long start = System.nanoTime();
    int d = train.features();
    int tasks = train.tasks();
    MultiTaskData one = pool(train);
    double[] w1;
    double c1 = 0;
    double objective;
    String solver;
    if (options.loss() == LossFunction.LOGISTIC) {
      LinearMtlModel m = new Ridge(new Ridge.Options(options.lambda(), options.loss(), options.solver())).fit(one);
      w1 = m.weights(0);
      c1 = m.intercepts()[0];
      objective = m.report().objective();
      solver = m.report().solver();
    } else {
      LeastSquaresStats gram = LeastSquaresStats.of(one);
      w1 = Ridge.solve(gram.g(0), gram.b[0], d, options.lambda());
      objective = new LeastSquaresLoss(gram, 0.5).evaluate(w1, null, null, null);
      solver = "closed-form";
    }
    double[] w = new double[d * tasks];
    double[] c = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      System.arraycopy(w1, 0, w, t * d, d);
      c[t] = c1;
    }
    FitReport report = new FitReport(solver, 1, true, objective, 0, Double.NaN, LinearFits.seconds(start));
    return new LinearMtlModel(name(), d, tasks, w, options.loss() == LossFunction.LOGISTIC ? c : null,
        options.loss(), report, java.util.Map.of(), null);
  }

  /** All rows of all tasks as one task. */
  static MultiTaskData pool(MultiTaskData data) {
    int d = data.features();
    java.util.List<double[][]> x = new java.util.ArrayList<>();
    java.util.List<double[]> y = new java.util.ArrayList<>();
    int n = data.totalRows();
    double[][] rows = new double[n][];
    double[] targets = new double[n];
    int k = 0;
    for (int t = 0; t < data.tasks(); t++) {
      for (int i = 0; i < data.rows(t); i++) {
        rows[k] = data.row(t, i);
        targets[k++] = data.y(t)[i];
      }
    }
    x.add(rows);
    y.add(targets);
    return MultiTaskData.of(x, y);
  }
}
