package io.mtl4j.weighting;

import java.util.Map;

/** Uncertainty weighting (Kendall, Gal and Cipolla, "Multi-Task Learning Using Uncertainty to Weigh Losses", CVPR 2018). */
public final class UW implements Weighting {
  /** LibMTL starts every log-variance s_t at -0.5. */
  private static final double INITIAL_LOG_VARIANCE = -0.5;

  private LearnableParameters logVariance;

  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  @Override
  public LearnableParameters learnable(int tasks) {
    if (logVariance == null) {
      logVariance = new LearnableParameters(Vectors.filled(tasks, INITIAL_LOG_VARIANCE));
    }
    return logVariance;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[] s = learnable(tasks).values();
    double[] losses = ctx.losses();
    // objective Σ_t L_t / (2 e^{s_t}) + s_t / 2
    double[] m = lossScalesBeforeLosses(tasks);
    double[] ds = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      ds[t] = -losses[t] / (2.0 * Math.exp(s[t])) + 0.5;
    }
    logVariance.setGradient(ds);
    return StepWeights.of(m);
  }

  /** m_t = 1 / (2 e^{s_t}) depends on the log-variances only; the step's losses enter only the gradient of s. */
  @Override
  public double[] lossScalesBeforeLosses(int tasks) {
    double[] s = learnable(tasks).values();
    double[] m = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      m[t] = 1.0 / (2.0 * Math.exp(s[t]));
    }
    return m;
  }

  @Override
  public Map<String, double[]> state() {
    return logVariance == null ? Map.of() : Map.of("loss_scale", logVariance.values().clone());
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double[] v = state.get("loss_scale");
    if (v != null) learnable(v.length).setValues(v);
  }
}
