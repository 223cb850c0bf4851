package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.Map;

/** Gradient normalisation (Chen et al., "GradNorm: Gradient Normalization for Adaptive Loss Balancing in Deep Multitask Networks", ICML 2018). */
public final class GradNorm implements Weighting {

  /** @param alpha strength of the restoring force, α in Eq. 2 of Chen et al.; LibMTL default 1.5 */
  public record Options(double alpha) {
    public static final Options DEFAULTS = new Options(1.5);

    public Options {
      if (!(alpha >= 0.0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha = " + alpha + ": expected a finite value >= 0");
      }
    }
  }

  private final Options options;
  /** Logits s of the loss weights w = T·softmax(s); LibMTL starts them at 1. */
  private LearnableParameters scale;

  public GradNorm(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.PARAMETER_GRADIENTS; }

  @Override
  public LearnableParameters learnable(int tasks) {
    if (scale == null) {
      scale = new LearnableParameters(Vectors.filled(tasks, 1.0));
    }
    return scale;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    LearnableParameters s = learnable(tasks);
    double[][] g = ctx.taskGradients();
    if (ctx.epoch() < 1) {
      // the first epoch has no initial losses to compare with: plain sum, loss scales untouched
      s.clearGradient();
      double[] ones = Vectors.filled(tasks, 1.0);
      Gram.combine(ones, g, ctx.sharedGradient());
      return StepWeights.of(ones);
    }
    double[] p = Vectors.softmax(s.values());
    double[] w = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      w[t] = tasks * p[t];
    }
    s.setGradient(scaleGradient(ctx, g, p, w));
    Gram.combine(w, g, ctx.sharedGradient());
    // heads keep their plain loss gradients, as in LibMTL (only the shared gradient is replaced)
    return new StepWeights(null, w);
  }

  /**
   * ∂/∂s of Σ_t |G_t − Ḡ·r_t^α| (Eq. 2), G_t = ‖w_t g_t‖, the target Ḡ·r_t^α held constant; r_t is the loss
   * ratio L_t/L_t(epoch 0) relative to its mean over tasks.
   */
  private double[] scaleGradient(WeightingContext ctx, double[][] g, double[] p, double[] w) {
    int tasks = w.length;
    double[] losses = ctx.losses();
    double[][] history = ctx.lossHistory();
    double[] gradNorm = new double[tasks];
    double[] weightedNorm = new double[tasks];
    double[] ratio = new double[tasks];
    double meanNorm = 0.0;
    double meanRatio = 0.0;
    for (int t = 0; t < tasks; t++) {
      gradNorm[t] = Vectors.norm(g[t]);
      weightedNorm[t] = Math.abs(w[t]) * gradNorm[t];
      meanNorm += weightedNorm[t];
      ratio[t] = losses[t] / history[t][0];
      meanRatio += ratio[t];
    }
    meanNorm /= tasks;
    meanRatio /= tasks;
    // a_t = ∂L_grad/∂w_t = sign(G_t − target_t)·sign(w_t)·‖g_t‖
    double[] a = new double[tasks];
    double weightedMean = 0.0;
    for (int t = 0; t < tasks; t++) {
      double target = meanNorm * Math.pow(ratio[t] / meanRatio, options.alpha());
      a[t] = Math.signum(weightedNorm[t] - target) * Math.signum(w[t]) * gradNorm[t];
      weightedMean += a[t] * p[t];
    }
    // through w = T·softmax(s): ∂/∂s_k = T·p_k·(a_k − Σ_t a_t p_t)
    double[] ds = new double[tasks];
    for (int k = 0; k < tasks; k++) {
      ds[k] = tasks * p[k] * (a[k] - weightedMean);
    }
    return ds;
  }

  @Override
  public Map<String, double[]> state() {
    return scale == null ? Map.of() : Map.of("loss_scale", scale.values().clone());
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double[] v = state.get("loss_scale");
    if (v != null) learnable(v.length).setValues(v);
  }
}
