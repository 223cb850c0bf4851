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

  /** Elements of the representation per column chunk: a chunk's gradients stay in cache between the passes. */
  private static final int CHUNK_ELEMENTS = 4096;

  private final Options options;
  /** Per-chunk buffers, reused while the shapes stay: per task G_t (then its keep factors), P and u. */
  private double[][] signed = new double[0][];
  private double[] purity = new double[0];
  private double[] draws = new double[0];

  public GradDrop(Options options) {
    this.options = options;
  }

  @Override
  public Requirements requirements() { return Requirements.REPRESENTATION_GRADIENTS; }

  /** Column by column (in column order, the order of the draws), one chunk of columns at a time. */
  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    int[] shape = ctx.representationShape();
    int rows = shape[0];
    int width = shape[1];
    int chunk = Math.min(width, Math.max(64, CHUNK_ELEMENTS / rows));
    buffers(tasks, chunk);
    double[] rep = ctx.representation();
    double[][] g = ctx.taskGradients();
    RandomSource random = ctx.random();
    double[] shared = ctx.sharedGradient();
    for (int from = 0; from < width; from += chunk) {
      int n = Math.min(chunk, width - from);
      // G_t[r] = Σ_b g_t[b, r]·sign(rep[b, r]), the sign-corrected gradient summed over the batch
      for (int t = 0; t < tasks; t++) {
        Arrays.fill(signed[t], 0.0);
        for (int b = 0; b < rows; b++) {
          GradDropKernels.addSigned(g[t], rep, b * width + from, signed[t], n);
        }
      }
      keepFactors(random, tasks, n);
      for (int b = 0; b < rows; b++) {
        int off = b * width + from;
        for (int r = 0; r < n; r++) {
          shared[off + r] = g[0][off + r] * signed[0][r];
        }
        for (int t = 1; t < tasks; t++) {
          double[] gt = g[t];
          double[] ft = signed[t];
          for (int r = 0; r < n; r++) {
            shared[off + r] += gt[off + r] * ft[r];
          }
        }
      }
    }
    return new StepWeights(null, null);
  }

  /**
   * Replaces each G_t[r] of the chunk's n columns by the factor of task t's gradient in column r:
   * ℓ + (1 − ℓ)·keep, where column r keeps the positive side with probability P (Eq. 1), one uniform draw per
   * column in column order.
   */
  private void keepFactors(RandomSource random, int tasks, int n) {
    Arrays.fill(purity, 0, n, 0.0);
    Arrays.fill(draws, 0, n, 0.0); // Σ_t |G_t| until the purity is formed
    for (int t = 0; t < tasks; t++) {
      double[] st = signed[t];
      for (int r = 0; r < n; r++) {
        purity[r] += st[r];
        draws[r] += Math.abs(st[r]);
      }
    }
    // P: positive-sign purity (Eq. 1)
    for (int r = 0; r < n; r++) {
      purity[r] = 0.5 * (1.0 + purity[r] / (draws[r] + EPS));
    }
    for (int r = 0; r < n; r++) {
      draws[r] = random.nextUniform();
    }
    double leak = options.leak();
    GradDropKernels.keepFactors(purity, draws, signed, leak + (1.0 - leak) * 1.0, leak + (1.0 - leak) * 0.0,
        signed, n);
  }

  private void buffers(int tasks, int chunk) {
    if (signed.length != tasks || signed[0].length != chunk) {
      signed = new double[tasks][chunk];
      purity = new double[chunk];
      draws = new double[chunk];
    }
  }
}
