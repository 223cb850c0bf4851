package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.LinkedHashMap;
import java.util.Map;

/** ExcessMTL (He et al., "Robust Multi-Task Learning with Excess Risks", ICML 2024). */
public final class ExcessMTL implements Weighting {
  private static final double EPS = 1e-7;

  /** @param robustStepSize step size of the exponentiated weight update, η in He et al.; LibMTL default 0.01 */
  public record Options(double robustStepSize) {
    public static final Options DEFAULTS = new Options(0.01);

    public Options {
      if (!(robustStepSize >= 0.0) || Double.isInfinite(robustStepSize)) {
        throw new IllegalArgumentException("robustStepSize = " + robustStepSize + ": expected a finite value >= 0");
      }
    }
  }

  private final Options options;
  /** Running Σ g² per task and coordinate (AdaGrad-style diagonal preconditioner). */
  private double[][] squaredSum;
  private double[] initialExcess;
  private double[] weights;
  private double[] restoredSum; // a checkpoint's grad_sum, shaped [tasks, d] at the next step

  public ExcessMTL(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.PARAMETER_GRADIENTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[][] g = ctx.taskGradients();
    if (squaredSum == null) {
      squaredSum = restoredSum == null ? new double[tasks][g[0].length] : Vectors.unflatten(restoredSum, tasks);
      if (weights == null) weights = Vectors.filled(tasks, 1.0);
      restoredSum = null;
    }
    // excess-risk estimate w_t = g_tᵀ diag(1/√(Σg² + ε)) g_t
    double[] excess = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      double s = 0.0;
      for (int k = 0; k < g[t].length; k++) {
        squaredSum[t][k] += g[t][k] * g[t][k];
        s += g[t][k] * (1.0 / Math.sqrt(squaredSum[t][k] + EPS)) * g[t][k];
      }
      excess[t] = s;
    }
    if (initialExcess == null) {
      initialExcess = excess;
    } else {
      double sum = 0.0;
      for (int t = 0; t < tasks; t++) {
        weights[t] *= Math.exp(excess[t] / initialExcess[t] * options.robustStepSize());
        sum += weights[t];
      }
      for (int t = 0; t < tasks; t++) {
        weights[t] = weights[t] / sum * tasks;
      }
    }
    Gram.combine(weights, g, ctx.sharedGradient());
    return StepWeights.of(weights.clone());
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    if (squaredSum != null) {
      state.put("grad_sum", Vectors.flatten(squaredSum));
      state.put("loss_weight", weights.clone());
    }
    if (initialExcess != null) {
      state.put("initial_w", initialExcess.clone());
    }
    return state;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    squaredSum = null;
    restoredSum = state.get("grad_sum");
    weights = state.containsKey("loss_weight") ? state.get("loss_weight").clone() : null;
    initialExcess = state.containsKey("initial_w") ? state.get("initial_w").clone() : null;
  }
}
