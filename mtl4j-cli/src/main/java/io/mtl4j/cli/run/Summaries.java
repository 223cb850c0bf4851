package io.mtl4j.cli.run;

import io.mtl4j.train.Predictor;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.report.Predictions;
import io.mtl4j.data.TargetScaling;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import io.mtl4j.train.ModelEvaluator;
import java.util.Optional;

/** Plain maps of results for metrics.json, and predictions on the evaluated rows for the report. */
public final class Summaries {
  private Summaries() {}

  /** The evaluation as printed on the terminal: one line per task, each metric to four decimals. */
  public static String format(Evaluation e) {
    StringBuilder sb = new StringBuilder();
    for (String t : e.tasks()) {
      sb.append(String.format(Locale.ROOT, "  %-14s", t));
      for (String m : e.metrics(t)) sb.append(String.format(Locale.ROOT, "  %s %.4f", m, e.value(t, m)));
      if (e.isAuxiliary(t)) sb.append("  (auxiliary)");
      sb.append('\n');
    }
    return sb.toString();
  }

  /** task → metric → value, plus "average" → metric → mean over the main (not auxiliary) tasks. */
  public static Map<String, Object> evaluation(Evaluation e) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String t : e.tasks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String metric : e.metrics(t)) m.put(metric, finite(e.value(t, metric)));
      out.put(t, m);
    }
    Map<String, Object> avg = new LinkedHashMap<>();
    for (String metric : e.metricNames()) avg.put(metric, finite(e.average(metric)));
    out.put("average", avg);
    return out;
  }

  public static Map<String, Object> training(TrainingResult r, List<String> tasks) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bestEpoch", r.bestEpoch() + 1);
    out.put("epochs", r.epochs().size());
    out.put("steps", r.steps());
    out.put("seconds", r.seconds());
    List<Object> epochs = new java.util.ArrayList<>();
    for (EpochRecord e : r.epochs()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("epoch", e.epoch() + 1);
      Map<String, Object> loss = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) loss.put(tasks.get(t), finite(e.trainLoss()[t]));
      m.put("trainLoss", loss);
      Map<String, Object> weights = new LinkedHashMap<>();
      for (int t = 0; t < tasks.size(); t++) weights.put(tasks.get(t), finite(e.taskWeights()[t]));
      m.put("taskWeights", weights);
      if (e.validation() != null) m.put("validation", evaluation(e.validation()));
      m.put("seconds", e.seconds());
      m.put("validationSeconds", e.validationSeconds());
      epochs.add(m);
    }
    out.put("history", epochs);
    return out;
  }

  /** The binary and regression tasks' predictions on {@code data}, for the report's test plots. */
  static List<Predictions> predictions(List<Task> tasks, Predictor predictor, Dataset data) {
    List<Predictions> out = new ArrayList<>();
    Map<String, Tensor> p = predictor.predict(data.features(), data.groups());
    for (Task t : tasks) predictions(t, p.get(t.name()), data).ifPresent(out::add);
    return out;
  }

  /** Multi-input data: each task's predictions on its own rows. */
  static List<Predictions> predictions(List<Task> tasks, Predictor predictor, io.mtl4j.data.MultiInputData data) {
    List<Predictions> out = new ArrayList<>();
    for (Task t : tasks) {
      Dataset d = data.get(t.name());
      predictions(t, predictor.predict(d.features(), d.groups()).get(t.name()), d).ifPresent(out::add);
    }
    return out;
  }

  /** Regression values in the target's units (as the metrics see them), binary probabilities; other kinds: none. */
  private static Optional<Predictions> predictions(Task t, Tensor predicted, Dataset data) {
    String kind = t.type().kind();
    if (predicted.cols() != 1 || !(kind.equals("binary") || kind.equals("regression"))) return Optional.empty();
    float[] p = predicted.toArray();
    float[] y = data.labels(t.name()).toArray();
    TargetScaling scaling = data.targetScaling(t.name());
    if (scaling != null) {
      scaling.toOriginal(p);
      scaling.toOriginal(y);
    }
    Predictions.Kind k = kind.equals("binary") ? Predictions.Kind.BINARY : Predictions.Kind.REGRESSION;
    return Optional.of(Predictions.of(t.name(), k, p, y, data.mask(t.name()).toArray()));
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
