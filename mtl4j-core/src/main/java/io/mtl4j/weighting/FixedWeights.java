package io.mtl4j.weighting;

import java.util.List;

/** Fixed (manually chosen) task weights: the weighted sum Σ_t w_t·L_t, the classic hand-tuned baseline. */
public final class FixedWeights implements Weighting {

  /**
   * @param weights one non-negative weight per task; empty means 1 for every task (then equal to EW)
   */
  public record Options(List<Double> weights) {
    public static final Options DEFAULTS = new Options(List.of());

    public Options {
      weights = List.copyOf(weights);
      for (int t = 0; t < weights.size(); t++) {
        double w = weights.get(t);
        if (!(w >= 0.0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException("weights[" + t + "] = " + w + ": expected a finite value >= 0");
        }
      }
    }
  }

  private final Options options;

  public FixedWeights(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  /** The scales are fixed: {@link #combine} never looks at the losses. */
  @Override
  public boolean readsLosses() { return false; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    List<Double> w = options.weights();
    if (w.isEmpty()) {
      return StepWeights.of(Vectors.filled(tasks, 1.0));
    }
    if (w.size() != tasks) {
      throw new IllegalArgumentException(
          "FixedWeights: " + w.size() + " weights configured for " + tasks + " tasks");
    }
    double[] m = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      m[t] = w.get(t);
    }
    return StepWeights.of(m);
  }
}
