package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.BoundedQp;
import io.mtl4j.weighting.solver.Gram;

/** Unconflicting projection of gradients: Quinton &amp; Rey, "Jacobian Descent for Multi-Objective Optimization", 2024. */
public final class UPGrad implements Weighting {

  /**
   * @param normEps       the Gramian is divided by its trace, or replaced by zeros when the trace is below this;
   *                      LibMTL default 1e-4
   * @param regularization added to the Gramian's diagonal so the QPs are positive definite; LibMTL default 1e-4
   */
  public record Options(double normEps, double regularization) {
    public static final Options DEFAULTS = new Options(1e-4, 1e-4);

    public Options {
      if (!(normEps >= 0) || Double.isInfinite(normEps)) {
        throw new IllegalArgumentException("normEps: " + normEps + "; expected a finite value >= 0");
      }
      if (!(regularization >= 0) || Double.isInfinite(regularization)) {
        throw new IllegalArgumentException("regularization: " + regularization + "; expected a finite value >= 0");
      }
    }
  }

  private final Options options;

  public UPGrad() {
    this(Options.DEFAULTS);
  }

  public UPGrad(Options options) {
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
    double[] weights = weights(Gram.of(grads));
    Gram.combine(weights, grads, ctx.sharedGradient());
    // LibMTL leaves each head with its own unweighted loss gradient.
    return new StepWeights(null, weights);
  }

  /** Sum over tasks i of the projection weights of e_i/T onto the dual cone (Prop. 1: min vᵀGv s.t. v ≥ e_i/T). */
  double[] weights(double[][] gram) {
    int t = gram.length;
    double[][] g = regularized(normalized(gram));
    double[] weights = new double[t];
    for (int i = 0; i < t; i++) {
      double[] lower = new double[t];
      lower[i] = 1.0 / t;
      double[] v = BoundedQp.minimize(g, lower);
      for (int j = 0; j < t; j++) {
        weights[j] += v[j];
      }
    }
    return weights;
  }

  private double[][] normalized(double[][] gram) {
    int t = gram.length;
    double trace = 0;
    for (int i = 0; i < t; i++) {
      trace += gram[i][i];
    }
    double[][] out = new double[t][t];
    if (trace < options.normEps()) {
      return out;
    }
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        out[i][j] = gram[i][j] / trace;
      }
    }
    return out;
  }

  private double[][] regularized(double[][] gram) {
    for (int i = 0; i < gram.length; i++) {
      gram[i][i] += options.regularization();
    }
    return gram;
  }
}
