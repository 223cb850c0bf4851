package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import java.util.Map;

/** Stochastic direction-oriented multi-objective gradient (Xiao et al., "Direction-oriented Multi-objective Learning", NeurIPS 2023). */
public final class SDMGrad implements Weighting {
  /** LibMTL's inner solver: SGD with learning rate 5 and momentum 0.5, new for every step. */
  private static final double INNER_LEARNING_RATE = 5.0;
  private static final double INNER_MOMENTUM = 0.5;
  private static final double EPS = 1e-8;

  /**
   * @param lambda     weight of the average-gradient direction, λ in Xiao et al.; LibMTL default 0.3
   * @param iterations inner projected-SGD iterations on the weights; LibMTL default 20
   */
  public record Options(double lambda, int iterations) {
    public static final Options DEFAULTS = new Options(0.3, 20);

    public Options {
      if (!(lambda >= 0.0) || Double.isInfinite(lambda)) {
        throw new IllegalArgumentException("lambda = " + lambda + ": expected a finite value >= 0");
      }
      if (iterations < 0) {
        throw new IllegalArgumentException("iterations = " + iterations + ": expected a value >= 0");
      }
    }
  }

  private final Options options;
  private double[] w;

  public SDMGrad(Options options) {
    this.options = options;
  }

  /** Three batches: ζ for the update, ξ1 and ξ2 for an unbiased Gram matrix; heads get their sum. */
  @Override
  public Requirements requirements() { return Requirements.PARAMETER_GRADIENTS.withLossSamples(3, 1.0); }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    if (w == null) {
      w = Vectors.filled(tasks, 1.0 / tasks);
    }
    double[][] zeta = ctx.taskGradients(0);
    double[][] gg = scaledGram(ctx.taskGradients(1), ctx.taskGradients(2));
    double[] rowMean = new double[tasks];
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        rowMean[i] += gg[i][j];
      }
      rowMean[i] /= tasks;
    }
    solveWeights(gg, rowMean);
    // (Σ w_t ζ_t + λ·mean_t ζ_t) / (1 + λ)
    double lambda = options.lambda();
    double[] coefficients = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      coefficients[t] = (w[t] + lambda / tasks) / (1.0 + lambda);
    }
    Gram.combine(coefficients, zeta, ctx.sharedGradient());
    return new StepWeights(null, null);
  }

  /** ξ1 ξ2ᵀ divided by the squared mean gradient norm estimate (negative diagonal entries count as 0). */
  private static double[][] scaledGram(double[][] xi1, double[][] xi2) {
    int tasks = xi1.length;
    double[][] gg = Gram.cross(xi1, xi2);
    double scale = 0.0;
    for (int i = 0; i < tasks; i++) {
      scale += Math.sqrt(Math.max(gg[i][i], 0.0));
    }
    scale /= tasks;
    double denominator = scale * scale + EPS;
    for (double[] row : gg) {
      for (int j = 0; j < tasks; j++) {
        row[j] /= denominator;
      }
    }
    return gg;
  }

  /** Projected heavy-ball descent on ½wᵀGGw + λ·wᵀGg over the simplex, from the previous w. */
  private void solveWeights(double[][] gg, double[] rowMean) {
    int tasks = w.length;
    double[] velocity = null;
    for (int it = 0; it < options.iterations(); it++) {
      double[] grad = new double[tasks];
      for (int i = 0; i < tasks; i++) {
        grad[i] = Vectors.dot(gg[i], w) + options.lambda() * rowMean[i];
      }
      if (velocity == null) {
        velocity = grad;
      } else {
        for (int i = 0; i < tasks; i++) {
          velocity[i] = velocity[i] * INNER_MOMENTUM + grad[i];
        }
      }
      for (int i = 0; i < tasks; i++) {
        w[i] += -INNER_LEARNING_RATE * velocity[i];
      }
      w = SimplexProjection.lastActive(w);
    }
  }

  @Override
  public Map<String, double[]> state() {
    return w == null ? Map.of() : Map.of("w", w.clone());
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    w = state.containsKey("w") ? state.get("w").clone() : null;
  }
}
