package io.mtl4j.classical;

import io.mtl4j.classical.solver.Fista;
import io.mtl4j.config.Checks;
import io.mtl4j.linalg.Linalg;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grouping and overlap in multi-task learning (Kumar &amp; Daumé III, Learning Task Grouping and Overlap in
 * Multi-Task Learning, ICML 2012): W = L·S with a shared latent basis L [D, K] and sparse codes S [K, T],
 * min ½Σ_t ||X_t L s_t − y_t||² + μ||S||₁ + λ||L||²_F (least squares).
 *
 * <p>Alternating minimisation as in the paper, started from the top-K SVD of per-task ridge solutions: S given L is
 * a Lasso per task on the design X_t·L (certified FISTA on the transformed Gram LᵀG_tL); L given S is closed form,
 * (Σ_t s_t s_tᵀ ⊗ G_t + 2λI)·vec(L) = vec(Σ_t b_t s_tᵀ); then each latent column is rescaled to its best balance
 * between L and S (W unchanged). The problem is not jointly convex: a local solution.
 */
public final class GOMTL implements LinearFormulation {
  /**
   * @param latent   K, the number of latent basis tasks, 1 <= K
   * @param mu       μ >= 0, sparsity of the codes S
   * @param lambda   λ > 0, Frobenius weight on the basis L
   * @param outerTol relative objective change that stops the alternation
   * @param maxOuter cap on outer steps
   */
  public record Options(int latent, double mu, double lambda, double outerTol, int maxOuter, SolverOptions solver) {
    public Options {
      Checks.atLeast("GOMTL.Options", "latent", latent, 1);
      Checks.nonNegative("GOMTL.Options", "mu", mu);
      Checks.positive("GOMTL.Options", "lambda", lambda);
      Checks.positive("GOMTL.Options", "outerTol", outerTol);
      Checks.atLeast("GOMTL.Options", "maxOuter", maxOuter, 1);
      Checks.notNull("GOMTL.Options", "solver", solver);
    }

    public Options(int latent, double mu, double lambda) {
      this(latent, mu, lambda, 1e-7, 20000, SolverOptions.converged());
    }
  }

  private final Options options;

  public GOMTL(Options options) {
    this.options = Checks.notNull("GOMTL", "options", options);
  }

  public Options options() {
    return options;
  }

  @Override
  public String name() {
    return "gomtl";
  }

  @Override
  public LinearMtlModel fit(MultiTaskData train, LinearMtlModel warmStart) {
    long start = System.nanoTime();
    int d = train.features();
    int tasks = train.tasks();
    int k = Math.min(options.latent(), Math.min(d, tasks));
    LeastSquaresStats gram = LeastSquaresStats.of(train);
    double[] basis = initialBasis(gram, d, tasks, k, options.lambda());
    double[] codes = new double[k * tasks];
    double previous = Double.POSITIVE_INFINITY;
    boolean converged = false;
    double objective = Double.NaN;
    Fista.Result r = null;
    int outer;
    for (outer = 1; outer <= options.maxOuter(); outer++) {
      double[] rowMajorL = Linalg.transpose(basis, d, k);
      CompositeProblem p = new CompositeProblem(new LeastSquaresLoss(gram.transformed(rowMajorL, k), 0.5),
          List.of(Penalty.l1(options.mu())));
      r = Fista.minimize(p, codes, options.solver().fista());
      codes = r.x();
      basis = basisStep(gram, codes, d, tasks, k, options.lambda());
      rebalance(basis, codes, d, tasks, k, options.mu(), options.lambda());
      objective = objective(gram, basis, codes, d, tasks, k);
      if (Math.abs(previous - objective) <= options.outerTol() * Math.abs(objective)) {
        converged = r.converged();
        break;
      }
      previous = objective;
    }
    double[] w = LeastSquaresStats.multiply(Linalg.transpose(basis, d, k), d, k, Linalg.transpose(codes, k, tasks),
        tasks);
    double[] wColumns = Linalg.transpose(w, tasks, d);
    FitReport report = new FitReport("alternating", Math.min(outer, options.maxOuter()), converged, objective,
        r == null ? Double.NaN : r.residual(), Double.NaN, LinearFits.seconds(start));
    Map<String, DenseMatrix> parts = new LinkedHashMap<>();
    parts.put("L", new DenseMatrix(d, k, basis));
    parts.put("S", new DenseMatrix(k, tasks, codes));
    return new LinearMtlModel(name(), d, tasks, wColumns, null, LossFunction.LEAST_SQUARES, report, parts, null);
  }

  /**
   * W = L·S is unchanged by L_c → a·L_c, S_c → S_c/a for each latent column c; the penalty μ||S_c||₁/a + λa²||L_c||²
   * is smallest at a³ = μ||S_c||₁ / (2λ||L_c||²). Alternating steps creep along this direction, so take it exactly.
   */
  private static void rebalance(double[] basis, double[] codes, int d, int tasks, int k, double mu, double lambda) {
    if (mu == 0) return;
    for (int c = 0; c < k; c++) {
      double l2 = 0;
      for (int i = 0; i < d; i++) l2 += basis[c * d + i] * basis[c * d + i];
      double s1 = 0;
      for (int t = 0; t < tasks; t++) s1 += Math.abs(codes[t * k + c]);
      if (l2 == 0 || s1 == 0) continue;
      double a = Math.cbrt(mu * s1 / (2 * lambda * l2));
      for (int i = 0; i < d; i++) basis[c * d + i] *= a;
      for (int t = 0; t < tasks; t++) codes[t * k + c] /= a;
    }
  }

  /** The paper's start: L = U_K·√Σ_K and S = √Σ_K·V_Kᵀ from the SVD of per-task ridge solutions W [D, T]. */
  private static double[] initialBasis(LeastSquaresStats gram, int d, int tasks, int k, double lambda) {
    double[] w = new double[d * tasks];
    for (int t = 0; t < tasks; t++) System.arraycopy(Ridge.solve(gram.g(t), gram.b[t], d, lambda), 0, w, t * d, d);
    Linalg.Svd svd = Linalg.svd(w, d, tasks);
    double[] basis = new double[d * k];
    for (int c = 0; c < k; c++) {
      double s = Math.sqrt(svd.s()[c]);
      for (int i = 0; i < d; i++) basis[c * d + i] = svd.u()[c * d + i] * s;
    }
    return basis;
  }

  /** Closed-form L-step: (Σ_t s_t s_tᵀ ⊗ G_t + 2λI)·vec(L) = vec(Σ_t b_t s_tᵀ), vec column-major [D·K]. */
  private static double[] basisStep(LeastSquaresStats gram, double[] codes, int d, int tasks, int k, double lambda) {
    int n = d * k;
    double[] a = new double[n * n];
    double[] rhs = new double[n];
    for (int t = 0; t < tasks; t++) {
      double[] g = gram.g(t);
      for (int p = 0; p < k; p++) {
        double sp = codes[t * k + p];
        if (sp == 0) continue;
        for (int i = 0; i < d; i++) rhs[p * d + i] += gram.b[t][i] * sp;
        for (int q = 0; q < k; q++) {
          double sq = codes[t * k + q];
          if (sq == 0) continue;
          double coef = sp * sq;
          for (int i = 0; i < d; i++) {
            int row = (p * d + i) * n + q * d;
            for (int j = 0; j < d; j++) a[row + j] += coef * g[i * d + j];
          }
        }
      }
    }
    for (int i = 0; i < n; i++) a[i * n + i] += 2 * lambda;
    return Linalg.spdSolve(a, n, rhs, 1);
  }

  private double objective(LeastSquaresStats gram, double[] basis, double[] codes, int d, int tasks, int k) {
    double[] w = new double[d * tasks];
    for (int t = 0; t < tasks; t++) {
      for (int c = 0; c < k; c++) {
        double s = codes[t * k + c];
        if (s == 0) continue;
        for (int i = 0; i < d; i++) w[t * d + i] += basis[c * d + i] * s;
      }
    }
    double f = new LeastSquaresLoss(gram, 0.5).evaluate(w, null, null, null);
    for (double s : codes) f += options.mu() * Math.abs(s);
    for (double l : basis) f += options.lambda() * l * l;
    return f;
  }
}
