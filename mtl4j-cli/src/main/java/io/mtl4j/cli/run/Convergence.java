package io.mtl4j.cli.run;

import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says when a run ran out of epochs while still improving, so that an under-trained model is not taken for a result:
 * its best validation epoch is the last one, or its training loss still fell over the last epochs. A run that early
 * stopping ended has converged in this sense.
 */
public final class Convergence {
  /** Epochs over which the training loss is compared. */
  static final int WINDOW = 5;
  /** A fall of the mean training loss over {@link #WINDOW} epochs larger than this fraction counts as still falling. */
  static final double STILL_FALLING = 0.01;

  private Convergence() {}

  /** The warning for a run of at most {@code epochs} epochs, if it had not converged. */
  public static Optional<String> warning(TrainingResult result, int epochs) {
    List<EpochRecord> e = result.epochs();
    int n = e.size();
    if (n == 0 || n < epochs) return Optional.empty();
    List<String> reasons = new ArrayList<>();
    if (e.get(n - 1).validation() != null && result.bestEpoch() == n - 1) {
      reasons.add("the best validation epoch is the last one (" + n + ")");
    }
    int k = Math.min(WINDOW, n - 1);
    if (k > 0) {
      double before = mean(e.get(n - 1 - k).trainLoss()), last = mean(e.get(n - 1).trainLoss());
      double fall = (before - last) / Math.abs(before);
      if (fall > STILL_FALLING) {
        reasons.add(String.format(Locale.ROOT, "the training loss still fell %.1f%% over the last %d epochs", 100 * fall, k));
      }
    }
    if (reasons.isEmpty()) return Optional.empty();
    return Optional.of("warning: training has probably not converged: " + String.join(", and ", reasons)
        + "; raise training.epochs (" + epochs + ") or the learning rate, and look at the curves in report.html");
  }

  private static double mean(double[] losses) {
    double s = 0;
    for (double l : losses) s += l;
    return s / losses.length;
  }
}
