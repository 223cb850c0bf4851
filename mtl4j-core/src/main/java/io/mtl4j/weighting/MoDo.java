package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.Map;

/** Multi-objective gradient with double sampling (Chen et al., "Three-Way Trade-Off in Multi-Objective Learning", NeurIPS 2023). */
public final class MoDo implements Weighting {

  /**
   * @param gamma step size of the weights λ, γ in Chen et al.; LibMTL default 0.001
   * @param rho   ℓ2 regularisation of the λ update, ρ; LibMTL default 0.1
   */
  public record Options(double gamma, double rho) {
    public static final Options DEFAULTS = new Options(0.001, 0.1);

    public Options {
      if (!(gamma >= 0.0) || Double.isInfinite(gamma)) {
        throw new IllegalArgumentException("gamma = " + gamma + ": expected a finite value >= 0");
      }
      if (!(rho >= 0.0) || Double.isInfinite(rho)) {
        throw new IllegalArgumentException("rho = " + rho + ": expected a finite value >= 0");
      }
    }
  }

  private final Options options;
  private double[] lambda;

  public MoDo(Options options) {
    this.options = options;
  }

  /** Three batches: two for an unbiased estimate of the λ gradient, one for the update; heads get their mean. */
  @Override
  public Requirements requirements() { return Requirements.PARAMETER_GRADIENTS.withLossSamples(3, 1.0 / 3); }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    if (lambda == null) {
      lambda = Vectors.filled(tasks, 1.0 / tasks);
    }
    double[][] g0 = ctx.taskGradients(0);
    double[][] g1 = ctx.taskGradients(1);
    double[][] g2 = ctx.taskGradients(2);
    // λ ← Π_Δ(λ − γ (G0 (G1ᵀ λ) + ρ λ))
    double[] mixed = new double[g1[0].length];
    Gram.combine(lambda, g1, mixed);
    double[] step = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      step[t] = lambda[t] - options.gamma() * (Vectors.dot(g0[t], mixed) + options.rho() * lambda[t]);
    }
    lambda = SimplexProjection.firstCrossing(step);
    Gram.combine(lambda, g2, ctx.sharedGradient());
    // heads keep their plain loss gradients, as in LibMTL
    return new StepWeights(null, lambda.clone());
  }

  @Override
  public Map<String, double[]> state() {
    return lambda == null ? Map.of() : Map.of("lambd", lambda.clone());
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    lambda = state.containsKey("lambd") ? state.get("lambd").clone() : null;
  }
}
