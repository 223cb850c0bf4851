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
 * @param seconds    wall time of the epoch: its training steps and its validation pass
 * @param validationSeconds the part of {@code seconds} spent on the validation pass (0 without validation data), so
 *                   the steps' time alone can be compared with trainers that do not validate each epoch
 */
public record EpochRecord(int epoch, double[] trainLoss, double[] taskWeights, Evaluation validation, double score,
                          boolean best, double seconds, double validationSeconds) {
  /** What {@link #score} is, in one line for consoles and reports. */
  public static final String SCORE_MEANING = "valid score = mean over tasks of each task's first validation metric, "
      + "negated where lower is better, so higher is better; the epoch with the highest one is kept";

  /**
   * The score without validation data: minus the mean of the epoch's training losses over the main tasks (NaN
   * skipped; auxiliary tasks left out, as every average over tasks leaves them out), so higher is better. Every
   * trainer records it (the jvm trainer and Spark's), so their records agree.
   */
  public static double trainingScore(java.util.List<io.mtl4j.task.Task> tasks, double[] trainLoss) {
    double s = 0;
    int n = 0;
    for (int t = 0; t < trainLoss.length; t++) {
      if (!Double.isNaN(trainLoss[t]) && !tasks.get(t).isAuxiliary()) {
        s += trainLoss[t];
        n++;
      }
    }
    return -(n == 0 ? 0 : s / n);
  }
}
