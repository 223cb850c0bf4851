package io.mtl4j.train;

/**
 * What one optimizer step did, for listeners (logs, progress, LibMTL's {@code batch_weight} analysis).
 *
 * @param epoch              the epoch, 0-based
 * @param step               optimizer steps done, this one included (1 for the first)
 * @param losses             per-task losses [T] of the step (the mean over its loss samples; NaN for a task
 *                           without a batch, and for every task of a skipped step)
 * @param weights            the per-task weights the method applied [T]: what it reports (LibMTL's return value),
 *                           else the scales of each task's loss or head gradient; ones for a step that bypassed the
 *                           weighting, NaN for a skipped step
 * @param sharedGradientNorm L2 norm of the reduced gradient of the shared parameters (penalty included), before
 *                           clipping; NaN for a skipped step
 * @param learningRate       the model optimizer's learning rate for this step; NaN for a skipped step
 */
public record StepRecord(int epoch, long step, double[] losses, double[] weights, double sharedGradientNorm,
                         double learningRate) {

  /** The record of a step skipped for a non-finite value: nothing was applied. */
  static StepRecord skipped(int epoch, long step, int tasks) {
    double[] nan = new double[tasks];
    java.util.Arrays.fill(nan, Double.NaN);
    return new StepRecord(epoch, step, nan, nan.clone(), Double.NaN, Double.NaN);
  }
}
