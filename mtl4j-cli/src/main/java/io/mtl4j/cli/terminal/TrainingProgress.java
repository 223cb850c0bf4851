package io.mtl4j.cli.terminal;

import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.TrainingListener;
import io.mtl4j.train.TrainingResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress: on a terminal a progress bar per epoch (me.tongfei:progressbar) with each task's running loss
 * and the ETA, then a line per epoch; otherwise one line per run (a line per epoch with {@link Verbosity#VERBOSE}), so
 * CI logs stay short and free of redraws and colour codes. {@link Verbosity#QUIET} prints nothing.
 */
public final class TrainingProgress implements TrainingListener {
  private final String label;
  private final List<String> tasks;
  private final PrintStream out;
  private final boolean terminal;
  private final Verbosity verbosity;
  private final TrainingListener plain;
  private ProgressBar bar;
  private int epochs;
  private int steps;
  private double[] running;

  private TrainingProgress(String label, List<String> tasks, PrintStream out, boolean terminal, Verbosity verbosity) {
    this.label = label;
    this.tasks = tasks;
    this.out = out;
    this.terminal = terminal;
    this.verbosity = verbosity;
    this.plain = new ProgressPrinter(label, out, terminal || verbosity == Verbosity.VERBOSE);
  }

  /** A bar on a terminal, plain lines otherwise, as much as {@code verbosity} asks for. */
  public static TrainingListener create(String label, List<String> tasks, PrintStream out, Verbosity verbosity) {
    if (verbosity == Verbosity.QUIET) return new TrainingListener() {};
    return new TrainingProgress(label, tasks, out, Terminal.interactive(), verbosity);
  }

  @Override
  public void onTrainingBegin(int epochs, int stepsPerEpoch) {
    this.epochs = epochs;
    this.steps = stepsPerEpoch;
    this.running = new double[tasks.size()];
    plain.onTrainingBegin(epochs, stepsPerEpoch);
  }

  @Override
  public void onStep(StepRecord record) {
    if (!terminal) return;
    int epoch = record.epoch();
    double[] losses = record.losses();
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "%s %d/%d", label, epoch + 1, epochs))
          .setInitialMax(steps).setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200)
          .continuousUpdate().build();
      java.util.Arrays.fill(running, Double.NaN);
    }
    StringBuilder sb = new StringBuilder();
    for (int t = 0; t < losses.length; t++) {
      if (!Double.isNaN(losses[t])) running[t] = Double.isNaN(running[t]) ? losses[t] : 0.95 * running[t] + 0.05 * losses[t];
      sb.append(t == 0 ? "" : " ").append(tasks.get(t)).append(String.format(Locale.ROOT, "=%.4f", running[t]));
    }
    bar.step();
    bar.setExtraMessage(sb.toString());
  }

  @Override
  public void onEpochEnd(EpochRecord record) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    plain.onEpochEnd(record);
  }

  @Override
  public void onTrainingEnd(TrainingResult result) {
    plain.onTrainingEnd(result);
  }
}
