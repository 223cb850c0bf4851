package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import io.mtl4j.weighting.solver.Slsqp;
import java.util.Arrays;

/** Conflict-averse gradient descent: Liu et al., "Conflict-Averse Gradient Descent for Multi-task Learning", NeurIPS 2021. */
public final class CAGrad implements Weighting {

  /**
   * @param radius  c in Eq. 3 (LibMTL's calpha): radius of the ball around the average gradient, relative to
   *                its norm; LibMTL default 0.5
   * @param rescale how the update is divided: 0 not at all, 1 by 1 + c² (LibMTL default), 2 by 1 + c
   */
  public record Options(double radius, int rescale) {
    public static final Options DEFAULTS = new Options(0.5, 1);

    public Options {
      if (!(radius >= 0) || Double.isInfinite(radius)) {
        throw new IllegalArgumentException("radius: " + radius + "; expected a finite value >= 0");
      }
      if (rescale < 0 || rescale > 2) {
        throw new IllegalArgumentException("rescale: " + rescale + "; expected 0, 1 or 2");
      }
    }
  }

  private final Options options;

  public CAGrad() {
    this(Options.DEFAULTS);
  }

  public CAGrad(Options options) {
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
    int t = grads.length;
    double[][] gram = Gram.of(grads);
    double c = options.radius() * Math.sqrt(mean(gram) + 1e-8) + 1e-8;
    double[] w = dualWeights(gram, c);

    // Eq. 4: d = g0 + c·‖g0‖/‖g_w‖ · g_w, with g0 the average gradient and g_w = Σ w_t g_t; ‖g_w‖² = wᵀ(GGᵀ)w,
    // so d = Σ_t (1/T + λ w_t)/divisor · g_t is one pass over the gradients.
    double lambda = c / (Math.sqrt(Math.max(Gram.quadratic(w, gram, w), 0.0)) + 1e-8);
    double divisor = switch (options.rescale()) {
      case 0 -> 1.0;
      case 1 -> 1 + options.radius() * options.radius();
      default -> 1 + options.radius();
    };
    double[] coefficients = new double[t];
    for (int k = 0; k < t; k++) {
      coefficients[k] = (1.0 / t + lambda * w[k]) / divisor;
    }
    Gram.combine(coefficients, grads, ctx.sharedGradient());
    // LibMTL leaves each head with its own unweighted loss gradient.
    return new StepWeights(null, w);
  }

  /**
   * The dual problem min over the simplex of wᵀGG b + c·√(wᵀGG w + 1e-8), b = 1/T, solved by SLSQP from w = 1/T
   * like LibMTL (scipy defaults), so the weights match LibMTL's also where SLSQP stops short of the optimum.
   */
  static double[] dualWeights(double[][] gram, double c) {
    return solveDual(gram, c).x();
  }

  /** The SLSQP run behind {@link #dualWeights}, with its diagnostics. */
  static Slsqp.Result solveDual(double[][] gram, double c) {
    int t = gram.length;
    double[] start = new double[t];
    Arrays.fill(start, 1.0 / t);
    double[] lower = new double[t];
    double[] upper = new double[t];
    Arrays.fill(upper, 1.0);
    Slsqp.Problem problem = new Slsqp.Problem(
        w -> objective(gram, c, w),
        w -> new double[] {1 - sum(w)},
        w -> new double[0],
        lower, upper);
    return Slsqp.minimize(problem, start, Slsqp.Options.DEFAULTS);
  }

  /** The CAGrad dual objective (Eq. 5 of Liu et al. in LibMTL's form). */
  static double objective(double[][] gram, double c, double[] w) {
    int t = w.length;
    double[] wg = new double[t];
    for (int j = 0; j < t; j++) {
      for (int i = 0; i < t; i++) {
        wg[j] += w[i] * gram[i][j];
      }
    }
    double linear = 0;
    double quadratic = 0;
    for (int j = 0; j < t; j++) {
      linear += wg[j] / t;
      quadratic += wg[j] * w[j];
    }
    return linear + c * Math.sqrt(quadratic + 1e-8);
  }

  private static double sum(double[] w) {
    double s = 0;
    for (double v : w) {
      s += v;
    }
    return s;
  }

  private static double mean(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s += v;
      }
    }
    return s / (m.length * m.length);
  }
}
