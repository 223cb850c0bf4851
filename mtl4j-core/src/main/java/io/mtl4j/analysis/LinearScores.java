package io.mtl4j.analysis;

import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.Locale;

/**
 * How well a linear model predicts a task on held-out rows, and the rule of {@link LearnedRelations} for when that is
 * too poorly to read relations from its weights: R² for regression targets, AUC for binary labels (±1).
 */
final class LinearScores {
  private LinearScores() {}

  /** R² (regression) or AUC (binary) of {@code predicted} against {@code y}; NaN when undefined. */
  static double score(Task task, double[] predicted, double[] y) {
    return task.type() instanceof TaskType.Binary ? auc(predicted, y) : 1 - mse(predicted, y) / variance(y);
  }

  /** Why {@code task} with validation {@code score} does not fit a linear model, or null when it does. */
  static String misfit(Task task, double score) {
    boolean binary = task.type() instanceof TaskType.Binary;
    double floor = binary ? LearnedRelations.MIN_AUC : LearnedRelations.MIN_R2;
    if (score >= floor) return null;
    return String.format(Locale.ROOT, "linear validation %s %.3f below %.2f: a linear model does not predict it, so its "
        + "weights carry no relation", binary ? "AUC" : "R²", score, floor);
  }

  static double mse(double[] predicted, double[] y) {
    double s = 0;
    for (int i = 0; i < y.length; i++) s += (predicted[i] - y[i]) * (predicted[i] - y[i]);
    return s / y.length;
  }

  private static double variance(double[] y) {
    double mean = 0;
    for (double v : y) mean += v / y.length;
    double s = 0;
    for (double v : y) s += (v - mean) * (v - mean);
    return s / y.length;
  }

  /** The Mann–Whitney statistic with midranks for ties; NaN when one class is absent. */
  private static double auc(double[] score, double[] y) {
    double[] ranks = Association.ranks(score);
    double positiveRanks = 0;
    long positives = 0;
    for (int i = 0; i < y.length; i++) {
      if (y[i] > 0) {
        positiveRanks += ranks[i];
        positives++;
      }
    }
    long negatives = y.length - positives;
    if (positives == 0 || negatives == 0) return Double.NaN;
    return (positiveRanks - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }
}
