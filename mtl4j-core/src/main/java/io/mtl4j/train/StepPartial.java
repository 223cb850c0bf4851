package io.mtl4j.train;

import java.io.Serializable;

/**
 * What one partition of a cluster computed in one step ({@link PartitionPass}): its part of each task loss and, when
 * the pass back-propagated, its gradient and per-task rows of G. Partials are added ({@link #plus}); {@link SyncStep}
 * applies the sum over all partitions once. Java-serializable because a cluster ships it between JVMs; it is never
 * written to a file.
 *
 * @param losses   [T] this partition's part of each task's batch-mean loss (they add up to the loss)
 * @param gradient [P] the gradient of Σ_t m_t·L_t, or in per-task passes the heads' own gradients and the penalty's;
 *                 null for a forward-only pass
 * @param taskRows [T][d] each task's gradient of the shared parameters, or null when the pass computes none
 */
public record StepPartial(double[] losses, float[] gradient, float[][] taskRows) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * This partial plus {@code later} element by element, this one's values first; a new partial, the arguments are not
   * changed. Float addition is not associative, so callers add partials in a fixed order.
   */
  public StepPartial plus(StepPartial later) {
    double[] l = losses.clone();
    for (int t = 0; t < l.length; t++) l[t] += later.losses[t];
    return new StepPartial(l, sum(gradient, later.gradient), taskRows == null ? null : sum(taskRows, later.taskRows));
  }

  private static float[] sum(float[] a, float[] b) {
    if (a == null) return null;
    float[] out = a.clone();
    for (int i = 0; i < out.length; i++) out[i] += b[i];
    return out;
  }

  private static float[][] sum(float[][] a, float[][] b) {
    float[][] out = new float[a.length][];
    for (int t = 0; t < a.length; t++) out[t] = sum(a[t], b[t]);
    return out;
  }
}
