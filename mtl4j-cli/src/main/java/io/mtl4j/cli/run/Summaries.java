package io.mtl4j.cli.run;

import io.mtl4j.train.Predictor;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.report.Curves;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import io.mtl4j.train.ModelEvaluator;

/** Plain maps of results for metrics.json, and test-set curves for the report. */
public final class Summaries {
  private Summaries() {}

  /** The evaluation as printed on the terminal: one line per task, each metric to four decimals. */
  public static String format(Evaluation e) {
    StringBuilder sb = new StringBuilder();
    for (String t : e.tasks()) {
      sb.append(String.format(Locale.ROOT, "  %-14s", t));
      for (String m : e.metrics(t)) sb.append(String.format(Locale.ROOT, "  %s %.4f", m, e.value(t, m)));
      sb.append('\n');
    }
    return sb.toString();
  }

  /** task → metric → value, plus "average" → metric → mean over tasks. */
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
      epochs.add(m);
    }
    out.put("history", epochs);
    return out;
  }

  static Map<String, Curves> binaryCurves(MultiTaskModel model, Dataset data) {
    return binaryCurves(model.tasks(), ModelEvaluator.predictor(model), data);
  }

  /** Each binary task's curves from any predictor (a classical model's) on single-input data. */
  static Map<String, Curves> binaryCurves(List<Task> tasks, Predictor predictor,
                                          Dataset data) {
    Map<String, Curves> out = new LinkedHashMap<>();
    if (data == null) return out;
    Map<String, Tensor> p = predictor.predict(data.features(), data.groups());
    for (Task t : tasks) {
      if (!t.type().kind().equals("binary")) continue;
      out.put(t.name(), Curves.of(p.get(t.name()).toArray(), data.labels(t.name()).toArray(), data.mask(t.name()).toArray()));
    }
    return out;
  }

  /** Multi-input data: each binary task's curves on its own rows. */
  static Map<String, Curves> binaryCurves(MultiTaskModel model, io.mtl4j.data.MultiInputData data) {
    return binaryCurves(model.tasks(), ModelEvaluator.predictor(model), data);
  }

  /** As above for any predictor. */
  static Map<String, Curves> binaryCurves(List<Task> tasks, Predictor predictor,
                                          io.mtl4j.data.MultiInputData data) {
    Map<String, Curves> out = new LinkedHashMap<>();
    for (Task t : tasks) {
      if (!t.type().kind().equals("binary")) continue;
      Dataset d = data.get(t.name());
      Tensor p = predictor.predict(d.features(), d.groups()).get(t.name());
      out.put(t.name(), Curves.of(p.toArray(), d.labels(t.name()).toArray(), d.mask(t.name()).toArray()));
    }
    return out;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
