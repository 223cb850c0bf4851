package io.mtl4j.cli.report;

import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Learning curves: per task the training loss and each validation metric on axes of their own (a loss of 300 and an
 * RMSE of 8 on one linear axis would flatten the RMSE), the validation score that picks the best epoch, and the task
 * weights. Each model is one colour; a diamond marks its best epoch, whose weights were kept.
 */
final class TrainingPlots {
  private TrainingPlots() {}

  static List<Plot> of(Map<String, TrainingResult> byModel, List<String> tasks) {
    List<Plot> plots = new ArrayList<>();
    for (int t = 0; t < tasks.size(); t++) {
      int task = t;
      plots.add(quantity(tasks.get(t) + ": training loss", "loss", byModel, r -> r.trainLoss()[task],
          "Mean training loss of " + tasks.get(t) + " per epoch: the loss the model minimises, on the scale it trains on "
              + "(regression targets are standardised unless the task says otherwise)."));
      for (Evaluation.Score s : validationScores(byModel, tasks.get(t))) {
        plots.add(quantity(tasks.get(t) + ": validation " + s.metric(), s.metric(), byModel,
            r -> r.validation() == null ? Double.NaN : r.validation().value(s.task(), s.metric()),
            "Validation " + s.metric() + " of " + tasks.get(t) + " per epoch; " + direction(s.higherIsBetter()) + "."));
      }
    }
    if (hasValidation(byModel)) {
      plots.add(quantity("valid score", "score", byModel, EpochRecord::score, EpochRecord.SCORE_MEANING + "."));
    }
    byModel.forEach((model, r) -> taskWeights(byModel.size() > 1 ? model : "", r, tasks).ifPresent(plots::add));
    return plots;
  }

  static String direction(boolean higherIsBetter) {
    return higherIsBetter ? "higher is better" : "lower is better";
  }

  /** The validation metrics of {@code task} in the first model that has them (all models share the task's metrics). */
  private static List<Evaluation.Score> validationScores(Map<String, TrainingResult> byModel, String task) {
    for (TrainingResult r : byModel.values()) {
      Evaluation first = r.epochs().isEmpty() ? null : r.epochs().get(0).validation();
      if (first != null && first.tasks().contains(task)) {
        return first.metrics(task).stream().map(m -> first.score(task, m)).toList();
      }
    }
    return List.of();
  }

  private static boolean hasValidation(Map<String, TrainingResult> byModel) {
    return byModel.values().stream().anyMatch(r -> !r.epochs().isEmpty() && r.epochs().get(0).validation() != null);
  }

  /** One line per model and a diamond at each model's best epoch, in the model's colour. */
  private static LinePlot quantity(String title, String yTitle, Map<String, TrainingResult> byModel,
                                   ToDoubleFunction<EpochRecord> value, String caption) {
    List<LinePlot.Series> series = new ArrayList<>();
    int group = 0;
    for (Map.Entry<String, TrainingResult> e : byModel.entrySet()) {
      List<EpochRecord> epochs = e.getValue().epochs();
      double[] x = new double[epochs.size()];
      double[] y = new double[epochs.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = i + 1;
        y[i] = value.applyAsDouble(epochs.get(i));
      }
      series.add(new LinePlot.Series(e.getKey(), x, y, LinePlot.Style.LINE, group));
      int best = e.getValue().bestEpoch();
      if (best < y.length) {
        String name = (byModel.size() > 1 ? e.getKey() + " " : "") + "best epoch " + (best + 1);
        series.add(new LinePlot.Series(name, new double[] {best + 1}, new double[] {y[best]}, LinePlot.Style.MARKER, group));
      }
      group++;
    }
    String whose = byModel.size() > 1 ? "A diamond in a model's colour marks its" : "The diamond marks the";
    return new LinePlot(title, "epoch", yTitle, series,
        caption + " " + whose + " best epoch (highest valid score), whose weights were kept.");
  }

  /**
   * The mean weight per epoch the method gave each task; absent when no task was weighted or every weight is one value
   * (equal weighting: a flat line says nothing). {@code model} may be "".
   */
  private static java.util.Optional<Plot> taskWeights(String model, TrainingResult r, List<String> tasks) {
    Map<String, double[][]> lines = new LinkedHashMap<>();
    List<EpochRecord> epochs = r.epochs();
    for (int t = 0; t < tasks.size(); t++) {
      double[] x = new double[epochs.size()];
      double[] w = new double[epochs.size()];
      boolean any = false;
      for (int i = 0; i < w.length; i++) {
        x[i] = i + 1;
        w[i] = epochs.get(i).taskWeights()[t];
        any |= Double.isFinite(w[i]);
      }
      if (any) lines.put(tasks.get(t), new double[][] {x, w});
    }
    if (lines.isEmpty() || constant(lines.values())) return java.util.Optional.empty();
    List<LinePlot.Series> series = new ArrayList<>();
    lines.forEach((task, xy) -> series.add(new LinePlot.Series(task, xy[0], xy[1], LinePlot.Style.LINE, series.size())));
    return java.util.Optional.of(new LinePlot("task weights" + (model.isEmpty() ? "" : " — " + model), "epoch", "weight",
        series, "Mean weight per epoch that the weighting method gave each task's loss."));
  }

  private static boolean constant(java.util.Collection<double[][]> lines) {
    double first = Double.NaN;
    for (double[][] xy : lines) {
      for (double w : xy[1]) {
        if (!Double.isFinite(w)) continue;
        if (Double.isNaN(first)) first = w;
        else if (w != first) return false;
      }
    }
    return true;
  }
}
