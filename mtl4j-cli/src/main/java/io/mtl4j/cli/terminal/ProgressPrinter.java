package io.mtl4j.cli.terminal;

import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.TrainingListener;
import io.mtl4j.train.TrainingResult;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints one plain line per epoch if asked (CI logs, files) and one per run; {@link TrainingProgress} draws bars on a
 * terminal.
 */
final class ProgressPrinter implements TrainingListener {
  private final String label;
  private final PrintStream out;
  private final boolean terminal;
  private final boolean epochLines;
  private int epochs;
  private int stepsPerEpoch;
  private boolean scoreExplained;

  ProgressPrinter(String label, PrintStream out, boolean epochLines) {
    this.label = label;
    this.out = out;
    this.terminal = false;
    this.epochLines = epochLines;
  }

  @Override
  public void onTrainingBegin(int epochs, int stepsPerEpoch) {
    this.epochs = epochs;
    this.stepsPerEpoch = stepsPerEpoch;
  }

  @Override
  public void onStep(StepRecord record) {
    int epoch = record.epoch();
    long step = record.step();
    double[] losses = record.losses();
    if (terminal && step % 8 == 0) {
      long inEpoch = (step - 1) % stepsPerEpoch + 1;
      out.printf(Locale.ROOT, "\r%-14s epoch %d/%d  step %d/%d  loss %s   ", label, epoch + 1, epochs, inEpoch,
          stepsPerEpoch, format(losses));
    }
  }

  @Override
  public void onEpochEnd(EpochRecord r) {
    if (!epochLines) return;
    String valid = r.validation() == null ? "" : String.format(Locale.ROOT, "  valid score %.4f%s", r.score(), r.best() ? " *" : "");
    if (!valid.isEmpty() && !scoreExplained) {
      // A bare "valid score -7.37" says neither what it is nor which way is better.
      out.print((terminal ? "\r" : "") + EpochRecord.SCORE_MEANING + " (* marks a new best)\n");
      scoreExplained = true;
    }
    String line = String.format(Locale.ROOT, "%-14s epoch %d/%d  train loss %s%s  (%.1fs)", label, r.epoch() + 1, epochs,
        format(r.trainLoss()), valid, r.seconds());
    out.print(terminal ? "\r" + line + "   \n" : line + "\n");
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    out.printf(Locale.ROOT, "%-14s done: best epoch %d, %.1fs%n", label, result.bestEpoch() + 1, result.seconds());
  }

  private static String format(double[] losses) {
    return Arrays.stream(losses).mapToObj(v -> String.format(Locale.ROOT, "%.4f", v)).collect(Collectors.joining(" / "));
  }
}
