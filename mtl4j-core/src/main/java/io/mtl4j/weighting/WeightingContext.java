package io.mtl4j.weighting;

/** Everything a weighting may read for one step; gradients are materialised only for methods that need them. */
public interface WeightingContext {
  int taskCount();

  /** Per-task losses of loss sample 0, [T]. */
  default double[] losses() {
    return losses(0);
  }

  double[] losses(int sample);

  /** Per-task gradients [T, d] of loss sample 0; only for methods whose needs() asks for gradients. */
  default double[][] taskGradients() {
    return taskGradients(0);
  }

  double[][] taskGradients(int sample);

  /** Output: the combined gradient [d] of the shared parameters (or representation). */
  double[] sharedGradient();

  /** Optimizer steps taken before this one (0 on the first step). */
  long step();

  /** Current epoch, 0-based. */
  int epoch();
}
