package io.mtl4j.weighting;

import java.util.Arrays;

/** Gradient sign dropout (Chen et al., "Just Pick a Sign: Optimizing Deep Multitask Models with Gradient Sign Dropout", NeurIPS 2020). */
public final class GradDrop implements Weighting {
  private static final double EPS = 1e-7;

  /** @param leak fraction of every gradient kept regardless of the mask, ℓ in Chen et al.; LibMTL default 0 */
  public record Options(double leak) {
    public static final Options DEFAULTS = new Options(0.0);

    public Options {
      if (!(leak >= 0.0 && leak <= 1.0)) {
        throw new IllegalArgumentException("leak = " + leak + ": expected a value in [0, 1]");
      }
    }
  }

  private final Options options;

  public GradDrop(Options options) {
    this.options = options;
  }

  @Override
  public Needs needs() {
    return Needs.REPRESENTATION_GRADS;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    int[] shape = ctx.representationShape();
    int rows = shape[0];
    int width = shape[1];
    double[] rep = ctx.representation();
    double[][] g = ctx.taskGradients();
    // G_t[r] = Σ_b g_t[b, r]·sign(rep[b, r]), the sign-corrected gradient summed over the batch
    double[][] signed = new double[tasks][width];
    for (int t = 0; t < tasks; t++) {
      for (int b = 0; b < rows; b++) {
        for (int r = 0; r < width; r++) {
          signed[t][r] += g[t][b * width + r] * Math.signum(rep[b * width + r]);
        }
      }
    }
    RandomSource random = ctx.random();
    double[] shared = ctx.sharedGradient();
    Arrays.fill(shared, 0.0);
    double leak = options.leak();
    for (int r = 0; r < width; r++) {
      double sum = 0.0;
      double abs = 0.0;
      for (int t = 0; t < tasks; t++) {
        sum += signed[t][r];
        abs += Math.abs(signed[t][r]);
      }
      // P: positive-sign purity (Eq. 1); keep the positive side with probability P
      double purity = 0.5 * (1.0 + sum / (abs + EPS));
      double u = random.nextUniform();
      for (int t = 0; t < tasks; t++) {
        boolean keep = (purity > u && signed[t][r] > 0.0) || (purity < u && signed[t][r] < 0.0);
        double factor = leak + (1.0 - leak) * (keep ? 1.0 : 0.0);
        for (int b = 0; b < rows; b++) {
          shared[b * width + r] += g[t][b * width + r] * factor;
        }
      }
    }
    return new StepWeights(null, null);
  }
}
