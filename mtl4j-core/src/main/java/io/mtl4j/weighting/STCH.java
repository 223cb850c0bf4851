package io.mtl4j.weighting;

import java.util.LinkedHashMap;
import java.util.Map;

/** Smooth Tchebycheff scalarisation (Lin et al., "Smooth Tchebycheff Scalarization for Multi-Objective Optimization", ICML 2024). */
public final class STCH implements Weighting {
  /** LibMTL's guard inside the logarithms. */
  private static final double EPS = 1e-20;

  /**
   * @param mu           smoothing parameter, μ in Eq. 8 of Lin et al.; LibMTL default 1.0
   * @param warmupEpochs epochs of plain log-loss training before the nadir point is fixed; LibMTL default 4
   */
  public record Options(double mu, int warmupEpochs) {
    public static final Options DEFAULTS = new Options(1.0, 4);

    public Options {
      if (!(mu > 0.0) || Double.isInfinite(mu)) {
        throw new IllegalArgumentException("mu = " + mu + ": expected a finite value > 0");
      }
      if (warmupEpochs < 0) {
        throw new IllegalArgumentException("warmupEpochs = " + warmupEpochs + ": expected a value >= 0");
      }
    }
  }

  private final Options options;
  private long steps;
  /** Sum of the losses seen during the warm-up epoch (null until the first such step). */
  private double[] lossSum;
  private int lossCount;
  private double[] nadir;

  public STCH(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  /**
   * Warm-up: objective Σ_t log(L_t + ε), m_t = 1/(L_t + ε); during the last warm-up epoch the losses are
   * averaged into the nadir point z. Afterwards f = T·μ·log Σ_t exp(ℓ_t/μ), ℓ_t = log(L_t/z_t + ε), so
   * m_t = T·softmax(ℓ/μ)_t / (z_t·(L_t/z_t + ε)).
   */
  @Override
  public StepWeights combine(WeightingContext ctx) {
    steps++;
    double[] losses = ctx.losses();
    int tasks = losses.length;
    int epoch = ctx.epoch();
    double[] m = new double[tasks];
    if (epoch <= options.warmupEpochs()) {
      if (epoch == options.warmupEpochs()) {
        accumulate(losses);
      }
      for (int t = 0; t < tasks; t++) {
        m[t] = 1.0 / (losses[t] + EPS);
      }
      return new StepWeights(m, Vectors.filled(tasks, 1.0));
    }
    if (nadir == null) {
      if (lossSum == null) {
        throw new IllegalStateException("STCH: no step ran in warm-up epoch " + options.warmupEpochs()
            + ", so there is no nadir point");
      }
      nadir = new double[tasks];
      for (int t = 0; t < tasks; t++) {
        nadir[t] = lossSum[t] / lossCount;
      }
    }
    double[] logRatio = new double[tasks];
    double max = Double.NEGATIVE_INFINITY;
    for (int t = 0; t < tasks; t++) {
      logRatio[t] = Math.log(losses[t] / nadir[t] + EPS);
      max = Math.max(max, logRatio[t]);
    }
    double[] scaled = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      scaled[t] = (logRatio[t] - max) / options.mu();
    }
    double[] p = Vectors.softmax(scaled);
    for (int t = 0; t < tasks; t++) {
      m[t] = tasks * p[t] / (losses[t] / nadir[t] + EPS) / nadir[t];
    }
    return new StepWeights(m, Vectors.filled(tasks, 1.0));
  }

  private void accumulate(double[] losses) {
    if (lossSum == null) {
      lossSum = new double[losses.length];
    }
    for (int t = 0; t < losses.length; t++) {
      lossSum[t] += losses[t];
    }
    lossCount++;
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    state.put("step", Vectors.scalar(steps));
    // LibMTL starts average_loss as the scalar 0.0
    state.put("average_loss", lossSum == null ? Vectors.scalar(0.0) : lossSum.clone());
    state.put("average_loss_count", Vectors.scalar(lossCount));
    state.put("nadir_vector", nadir == null ? null : nadir.clone());
    return state;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    steps = state.containsKey("step") ? (long) state.get("step")[0] : 0;
    double[] sum = state.get("average_loss");
    lossCount = state.containsKey("average_loss_count") ? (int) state.get("average_loss_count")[0] : 0;
    // state() reports LibMTL's scalar 0.0 before the first loss: that is "no sum yet"
    lossSum = sum == null || lossCount == 0 ? null : sum.clone();
    double[] n = state.get("nadir_vector");
    nadir = n == null ? null : n.clone();
  }
}
