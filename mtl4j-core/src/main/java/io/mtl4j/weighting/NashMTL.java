package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import io.mtl4j.weighting.solver.NashSubproblem;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Nash-MTL: Navon et al., "Multi-Task Learning as a Bargaining Game", ICML 2022.
 *
 * <p>When a convex subproblem of the sequential iteration has no solution, because it is unbounded below
 * (conflicting gradients make some (G α)_t of the previous α negative) or has no feasible point, the iteration stops
 * and keeps the α it had: at the first subproblem of a step that is the previous step's α. LibMTL does the same when
 * ECOS returns no value (status 'unbounded').
 */
public final class NashMTL implements Weighting {

  /**
   * @param updateWeightsEvery solve for new weights every this many steps, reusing the last ones in between;
   *                           LibMTL default 1
   * @param iterations         at most this many convex subproblems per solve (Sec. 3.2; LibMTL's optim_niter);
   *                           LibMTL default 20
   * @param maxNorm            clip the combined gradient to this L2 norm, no clipping when ≤ 0; LibMTL default 1.0
   */
  public record Options(int updateWeightsEvery, int iterations, double maxNorm) {
    public static final Options DEFAULTS = new Options(1, 20, 1.0);

    public Options {
      if (updateWeightsEvery < 1) {
        throw new IllegalArgumentException("updateWeightsEvery: " + updateWeightsEvery + "; expected >= 1");
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations: " + iterations + "; expected >= 1");
      }
      if (Double.isNaN(maxNorm) || Double.isInfinite(maxNorm)) {
        throw new IllegalArgumentException("maxNorm: " + maxNorm + "; expected a finite value (<= 0: no clipping)");
      }
    }
  }

  /*
   * Each subproblem is solved to full accuracy, where LibMTL's ECOS stops at its own tolerances: the weights agree
   * with LibMTL's to ~1e-6 whenever ECOS reports 'optimal'. When one gradient dwarfs the others (x1000) ECOS ends
   * with 'optimal_inaccurate' points that violate the subproblem's constraints; those are not reproduced.
   */

  /** LibMTL's stopping rule: residual of G α = 1/α (normalised G) below this ... */
  private static final double RESIDUAL_STOP = 1e-3;
  /** ... or a subproblem moving α by less than this. */
  private static final double STEP_STOP = 1e-6;

  private final Options options;
  private long steps;
  private double[] alpha;
  private double normalizationFactor = 1.0;

  public NashMTL() {
    this(Options.DEFAULTS);
  }

  public NashMTL(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  @Override
  public Requirements requirements() { return Requirements.INNER_PRODUCTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] grads = ctx.taskGradients();
    if (alpha == null) {
      alpha = new double[grads.length];
      Arrays.fill(alpha, 1.0);
    }
    boolean update = steps % options.updateWeightsEvery() == 0;
    double[][] gram = update || options.maxNorm() > 0 ? Gram.of(grads) : null;
    if (update) {
      alpha = solve(gram, alpha);
    }
    steps++;
    // LibMTL casts α to float32 before back-propagating Σ α_t L_t.
    double[] weights = new double[alpha.length];
    for (int t = 0; t < weights.length; t++) {
      weights[t] = (float) alpha[t];
    }
    // The clip factor needs ‖Σ α_t g_t‖² = αᵀ(GGᵀ)α, so the clipped update is one pass over the gradients.
    double clip = gram == null ? 1.0 : clipFactor(Gram.quadratic(weights, gram, weights));
    double[] coefficients = new double[weights.length];
    for (int t = 0; t < weights.length; t++) {
      coefficients[t] = weights[t] * clip;
    }
    Gram.combine(coefficients, grads, ctx.sharedGradient());
    return new StepWeights(weights.clone(), weights);
  }

  /** Sequential convex iteration from the previous α; returns the last iterate before the stop (as LibMTL). */
  private double[] solve(double[][] gram, double[] previous) {
    double nu = frobenius(gram);
    normalizationFactor = nu;
    double[][] normalized = new double[gram.length][gram.length];
    for (int i = 0; i < gram.length; i++) {
      for (int j = 0; j < gram.length; j++) {
        normalized[i][j] = gram[i][j] / nu;
      }
    }
    double[] current = previous;
    for (int iter = 0; iter < options.iterations(); iter++) {
      Optional<double[]> next = NashSubproblem.solve(normalized, nu, current);
      if (next.isEmpty() || stationary(normalized, current) || distance(next.get(), current) < STEP_STOP) {
        return current;
      }
      current = next.get();
    }
    return current;
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    state.put("prvs_alpha", alpha == null ? null : alpha.clone());
    state.put("step", new double[] {steps});
    state.put("normalization_factor", new double[] {normalizationFactor});
    return state;
  }

  /** ‖G α - 1/(α + 1e-10)‖ below the threshold, as LibMTL tests it with the normalised G. */
  private static boolean stationary(double[][] normalized, double[] a) {
    double[] ga = Gram.times(normalized, a);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double r = ga[i] - 1 / (a[i] + 1e-10);
      sum += r * r;
    }
    return Math.sqrt(sum) < RESIDUAL_STOP;
  }

  /** LibMTL's clip_grad_norm_: the factor max_norm/(‖update‖ + 1e-6) when below 1, else 1. */
  private double clipFactor(double squaredNorm) {
    if (options.maxNorm() <= 0) {
      return 1.0;
    }
    double coefficient = options.maxNorm() / (Math.sqrt(Math.max(squaredNorm, 0.0)) + 1e-6);
    return Math.min(coefficient, 1.0);
  }

  private static double frobenius(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double[] a = state.get("prvs_alpha");
    alpha = a == null ? null : a.clone();
    steps = state.containsKey("step") ? (long) state.get("step")[0] : 0;
    normalizationFactor = state.containsKey("normalization_factor") ? state.get("normalization_factor")[0] : 1.0;
  }
}
