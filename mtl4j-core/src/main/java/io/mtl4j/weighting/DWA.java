package io.mtl4j.weighting;

/** Dynamic Weight Average (Liu, Johns and Davison, "End-to-End Multi-Task Learning with Attention", CVPR 2019). */
public final class DWA implements Weighting {

  /** @param temperature softmax temperature, T in Eq. 7 of Liu et al.; LibMTL default 2.0 */
  public record Options(double temperature) {
    public static final Options DEFAULTS = new Options(2.0);

    public Options {
      if (!(temperature > 0.0) || Double.isInfinite(temperature)) {
        throw new IllegalArgumentException("temperature = " + temperature + ": expected a finite value > 0");
      }
    }
  }

  private final Options options;

  public DWA(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  /** The weights of epoch e come from the mean losses of epochs e − 1 and e − 2 (Eq. 7), never the step's own. */
  @Override
  public boolean readsLosses() {
    return false;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    int epoch = ctx.epoch();
    if (epoch <= 1) {
      // two finished epochs are needed for a rate of descent
      return StepWeights.of(Vectors.filled(tasks, 1.0));
    }
    double[][] history = ctx.lossHistory();
    double[] rate = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      rate[t] = history[t][epoch - 1] / history[t][epoch - 2] / options.temperature();
    }
    double[] w = Vectors.softmax(rate);
    for (int t = 0; t < tasks; t++) {
      w[t] *= tasks;
    }
    return StepWeights.of(w);
  }
}
