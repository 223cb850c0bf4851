package io.mtl4j.weighting;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fast adaptive multitask optimisation (Liu et al., "FAMO: Fast Adaptive Multitask Optimization", NeurIPS 2023). */
public final class FAMO implements Weighting {
  private static final double EPS = 1e-8;
  /** The logits' Adam: torch defaults. */
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  /**
   * @param weightLearningRate Adam learning rate of the weight logits, α in Liu et al.; LibMTL default 0.025
   * @param weightDecay        L2 decay of the logits, γ; LibMTL default 0.001
   */
  public record Options(double weightLearningRate, double weightDecay) {
    public static final Options DEFAULTS = new Options(0.025, 0.001);

    public Options {
      if (!(weightLearningRate >= 0.0) || Double.isInfinite(weightLearningRate)) {
        throw new IllegalArgumentException(
            "weightLearningRate = " + weightLearningRate + ": expected a finite value >= 0");
      }
      if (!(weightDecay >= 0.0) || Double.isInfinite(weightDecay)) {
        throw new IllegalArgumentException("weightDecay = " + weightDecay + ": expected a finite value >= 0");
      }
    }
  }

  private final Options options;
  private double[] logits;
  private double[] minLosses;
  private double[] previousLosses;
  private double[] firstMoment;
  private double[] secondMoment;
  private long adamSteps;

  public FAMO(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.LOSSES.withLossesAfterStep(); }

  /** Objective Σ_t z_t·log(D_t)/c with z = softmax(w), D_t = L_t − min_t + ε, c = Σ z_t/D_t held constant. */
  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[] losses = ctx.losses();
    int tasks = losses.length;
    if (logits == null) {
      logits = new double[tasks];
      minLosses = new double[tasks];
      firstMoment = new double[tasks];
      secondMoment = new double[tasks];
    }
    previousLosses = losses.clone();
    double[] z = Vectors.softmax(logits);
    double[] gap = new double[tasks];
    double c = 0.0;
    for (int t = 0; t < tasks; t++) {
      gap[t] = losses[t] - minLosses[t] + EPS;
      c += z[t] / gap[t];
    }
    double[] m = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      m[t] = z[t] / c / gap[t];
    }
    return new StepWeights(m, null);
  }

  /** Logit update from the observed log-loss decrease δ: gradient J_softmax(w)ᵀδ, one Adam step. */
  @Override
  public void afterStep(double[] lossesAfter) {
    if (previousLosses == null) {
      throw new IllegalStateException("FAMO.afterStep called before combine");
    }
    int tasks = logits.length;
    double[] delta = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      delta[t] = Math.log(previousLosses[t] - minLosses[t] + EPS) - Math.log(lossesAfter[t] - minLosses[t] + EPS);
    }
    double[] z = Vectors.softmax(logits);
    double zDelta = Vectors.dot(z, delta);
    double[] grad = new double[tasks];
    for (int k = 0; k < tasks; k++) {
      grad[k] = z[k] * (delta[k] - zDelta);
    }
    adamStep(grad);
  }

  /** torch.optim.Adam (1.13 formula) with L2 weight decay added to the gradient. */
  private void adamStep(double[] grad) {
    adamSteps++;
    double correction1 = 1.0 - Math.pow(BETA1, adamSteps);
    double correction2Root = Math.sqrt(1.0 - Math.pow(BETA2, adamSteps));
    double stepSize = options.weightLearningRate() / correction1;
    for (int k = 0; k < logits.length; k++) {
      double gk = grad[k] + options.weightDecay() * logits[k];
      firstMoment[k] = firstMoment[k] * BETA1 + gk * (1.0 - BETA1);
      secondMoment[k] = secondMoment[k] * BETA2 + (1.0 - BETA2) * gk * gk;
      double denominator = Math.sqrt(secondMoment[k]) / correction2Root + ADAM_EPS;
      logits[k] += -stepSize * (firstMoment[k] / denominator);
    }
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    if (logits != null) {
      state.put("w", logits.clone());
      state.put("adam_exp_avg", firstMoment.clone());
      state.put("adam_exp_avg_sq", secondMoment.clone());
      state.put("adam_step", Vectors.scalar(adamSteps));
      state.put("min_losses", minLosses.clone());
    }
    return state;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    if (!state.containsKey("w")) {
      logits = null;
      adamSteps = 0;
      return;
    }
    logits = state.get("w").clone();
    firstMoment = state.get("adam_exp_avg").clone();
    secondMoment = state.get("adam_exp_avg_sq").clone();
    adamSteps = (long) state.get("adam_step")[0];
    minLosses = state.get("min_losses").clone();
  }
}
