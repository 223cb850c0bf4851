package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.LinkedHashMap;
import java.util.Map;

/** MoCo (Fernando et al., "Mitigating Gradient Bias in Multi-objective Learning: A Provably Convergent Approach", ICLR 2023). */
public final class MoCo implements Weighting {
  private static final double EPS = 1e-8;

  /**
   * @param beta       step size of the gradient tracker y, β_k in Fernando et al.; LibMTL default 0.5
   * @param betaSigma  decay exponent of β (β/k^σ); LibMTL default 0.5
   * @param gamma      step size of the weights λ, γ_k; LibMTL default 0.1
   * @param gammaSigma decay exponent of γ; LibMTL default 0.5
   * @param rho        ℓ2 regularisation of the λ update, ρ; LibMTL default 0
   */
  public record Options(double beta, double betaSigma, double gamma, double gammaSigma, double rho) {
    public static final Options DEFAULTS = new Options(0.5, 0.5, 0.1, 0.5, 0.0);

    public Options {
      nonNegative("beta", beta);
      nonNegative("betaSigma", betaSigma);
      nonNegative("gamma", gamma);
      nonNegative("gammaSigma", gammaSigma);
      nonNegative("rho", rho);
    }

    private static void nonNegative(String name, double value) {
      if (!(value >= 0.0) || Double.isInfinite(value)) {
        throw new IllegalArgumentException(name + " = " + value + ": expected a finite value >= 0");
      }
    }
  }

  private final Options options;
  private double[][] tracker;
  private double[] lambda;
  private long steps;
  private Map<String, double[]> restored; // a checkpoint's matrices, shaped at the next step

  public MoCo(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.PARAMETER_GRADIENTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    double[] losses = ctx.losses();
    double[][] g = ctx.taskGradients();
    if (tracker == null) {
      tracker = new double[tasks][g[0].length];
      lambda = Vectors.filled(tasks, 1.0 / tasks);
      if (restored != null && restored.containsKey("y")) {
        tracker = Vectors.unflatten(restored.get("y"), tasks);
        lambda = restored.get("lambd").clone();
      }
      restored = null;
    }
    steps++;
    double beta = options.beta() / Math.pow(steps, options.betaSigma());
    double gamma = options.gamma() / Math.pow(steps, options.gammaSigma());
    // normalised gradient scaled by the loss, then the tracking update y ← y − β(y − g); chunk by chunk, with the
    // Gram matrix of the new y formed while the chunk is in cache
    double[] c = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      c[t] = losses[t] / (Vectors.norm(g[t]) + EPS);
    }
    Gram.Accumulator trackerGram = new Gram.Accumulator(tasks);
    int d = g[0].length;
    for (int from = 0; from < d; from += Gram.CHUNK) {
      int to = Math.min(d, from + Gram.CHUNK);
      for (int t = 0; t < tasks; t++) {
        double[] y = tracker[t];
        double[] gt = g[t];
        for (int k = from; k < to; k++) {
          double gk = gt[k] * c[t];
          y[k] = y[k] - beta * (y[k] - gk);
        }
      }
      trackerGram.add(tracker, from, to);
    }
    double[][] yy = trackerGram.gram();
    double[] next = new double[tasks];
    for (int i = 0; i < tasks; i++) {
      double s = 0.0;
      for (int j = 0; j < tasks; j++) {
        s += (yy[i][j] + (i == j ? options.rho() : 0.0)) * lambda[j];
      }
      next[i] = lambda[i] - gamma * s;
    }
    lambda = Vectors.softmax(next);
    Gram.combine(lambda, tracker, ctx.sharedGradient());
    // heads keep their plain loss gradients, as in LibMTL
    return new StepWeights(null, lambda.clone());
  }

  @Override
  public Map<String, double[]> state() {
    Map<String, double[]> state = new LinkedHashMap<>();
    if (tracker != null) {
      state.put("y", Vectors.flatten(tracker));
      state.put("lambd", lambda.clone());
    }
    state.put("step", Vectors.scalar(steps));
    return state;
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    tracker = null;
    restored = state;
    steps = state.containsKey("step") ? (long) state.get("step")[0] : 0;
  }
}
