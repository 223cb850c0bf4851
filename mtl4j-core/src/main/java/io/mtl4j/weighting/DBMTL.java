package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.LinkedHashMap;
import java.util.Map;

/** Dual-balancing MTL (Lin et al., "Dual-Balancing for Multi-Task Learning", 2023): log losses, norm-balanced EMA gradients. */
public final class DBMTL implements Weighting {
  private static final double EPS = 1e-8;

  /**
   * @param beta      EMA factor of the gradient buffer, β in Lin et al.; LibMTL default 0.9
   * @param betaSigma decay exponent: the EMA factor at step k is β/k^σ; LibMTL default 0
   */
  public record Options(double beta, double betaSigma) {
    public static final Options DEFAULTS = new Options(0.9, 0.0);

    public Options {
      if (!(beta >= 0.0 && beta <= 1.0)) {
        throw new IllegalArgumentException("beta = " + beta + ": expected a value in [0, 1]");
      }
      if (!(betaSigma >= 0.0) || Double.isInfinite(betaSigma)) {
        throw new IllegalArgumentException("betaSigma = " + betaSigma + ": expected a finite value >= 0");
      }
    }
  }

  private final Options options;
  private double[][] buffer;
  private long steps;
  private double[] restoredBuffer; // a checkpoint's buffer, shaped [tasks, d] at the next step

  public DBMTL(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.PARAMETER_GRADIENTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[] losses = ctx.losses();
    double[][] g = ctx.taskGradients();
    if (buffer == null) {
      buffer = restoredBuffer == null ? new double[tasks][g[0].length] : Vectors.unflatten(restoredBuffer, tasks);
      restoredBuffer = null;
    }
    steps++;
    double factor = options.beta() / Math.pow(steps, options.betaSigma());
    double[] logScale = new double[tasks];
    double[] norm = new double[tasks];
    double maxNorm = 0.0;
    for (int t = 0; t < tasks; t++) {
      // gradient of log(L_t + eps): scale balance across tasks
      double inv = 1.0 / (losses[t] + EPS);
      logScale[t] = inv;
      for (int k = 0; k < g[t].length; k++) {
        double gk = g[t][k] * inv;
        buffer[t][k] = gk + factor * (buffer[t][k] - gk);
      }
      norm[t] = Vectors.norm(buffer[t]);
      maxNorm = Math.max(maxNorm, norm[t]);
    }
    double[] alpha = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      // magnitude balance: every buffer rescaled to the largest norm
      alpha[t] = maxNorm / (norm[t] + EPS);
    }
    Gram.combine(alpha, buffer, ctx.sharedGradient());
    // heads receive the gradients of log(L_t + eps), as in LibMTL
    return new StepWeights(logScale, Vectors.filled(tasks, 1.0));
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    if (buffer != null) {
      state.put("grad_buffer", Vectors.flatten(buffer));
    }
    state.put("step", Vectors.scalar(steps));
    return state;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    buffer = null;
    restoredBuffer = state.get("grad_buffer");
    steps = state.containsKey("step") ? (long) state.get("step")[0] : 0;
  }
}
