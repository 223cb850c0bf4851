package io.mtl4j.train;

import io.mtl4j.metrics.Evaluation;

/**
 * One finished epoch.
 *
 * @param trainLoss  mean training loss per task over the epoch's steps
 * @param taskWeights mean per task of the weights the method applied in the epoch's steps ({@link
 *                   StepRecord#weights()}); NaN for a task that had none
 * @param validation metrics on the validation data, or null without validation data
 * @param score      the early-stopping score (mean primary validation metric, oriented so higher is better)
 * @param best       whether this epoch is the best so far
 */
public record EpochRecord(int epoch, double[] trainLoss, double[] taskWeights, Evaluation validation, double score,
                          boolean best, double seconds) {
  /** What {@link #score} is, in one line for consoles and reports. */
  public static final String SCORE_MEANING = "valid score = mean over tasks of each task's first validation metric, "
      + "negated where lower is better, so higher is better; the epoch with the highest one is kept";
}
