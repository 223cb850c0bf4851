package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.TargetScaling;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.Evaluator;
import io.mtl4j.metrics.LabelKind;
import io.mtl4j.metrics.Metric;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.metrics.PixelRows;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a model over labelled data and computes each task's metrics (masked labels left out). The tasks' metric names
 * are bound through a registry: the built-in one ({@link Metrics#defaults()}) unless one is given.
 */
public final class ModelEvaluator {
  private static final int BATCH = 4096;
  /** A segmentation task's metrics when it names none; the first is its primary one. */
  private static final List<String> DENSE_METRICS = List.of("mean-iou", "pixel-accuracy");
  /** A reconstruction's metric when it names none: the error its MSE loss trains down. */
  private static final List<String> RECONSTRUCTION_METRICS = List.of("mse");

  private ModelEvaluator() {}

  /** {@code model}'s predictions in batches of the size evaluation uses: the predictor the deep path evaluates. */
  public static Predictor predictor(MultiTaskModel model) {
    return (x, groups) -> model.predict(x, groups, BATCH);
  }

  /** Metrics of every task on single-input data. */
  public static Evaluation evaluate(MultiTaskModel model, Dataset data) {
    return evaluate(model, data, Metrics.defaults());
  }

  /** Metrics of every task on single-input data, named in {@code metrics}. */
  public static Evaluation evaluate(MultiTaskModel model, Dataset data, Registry<Metric.ForKind> metrics) {
    return evaluate(model.tasks(), predictor(model), data, metrics);
  }

  /**
   * Metrics of {@code tasks} on single-input data from any predictor: features [B, D] → each task's outputs in a
   * network's form (probabilities; standardised targets where the labels are standardised), e.g. a classical model's.
   */
  public static Evaluation evaluate(List<Task> tasks, Predictor predictor, Dataset data,
                                    Registry<Metric.ForKind> metrics) {
    Evaluator evaluator = evaluator(tasks, metrics);
    Map<String, Tensor> predictions = predictor.predict(data.features(), data.groups());
    for (Task t : tasks) add(evaluator, t, predictions.get(t.name()), data);
    return evaluator.result();
  }

  /** Metrics of the named tasks only (the others may be absent from {@code data}). */
  public static Evaluation evaluate(MultiTaskModel model, Dataset data, List<String> tasks) {
    return evaluate(model, data, tasks, Metrics.defaults());
  }

  /** Metrics of the named tasks only, named in {@code metrics}. */
  public static Evaluation evaluate(MultiTaskModel model, Dataset data, List<String> tasks,
                                    Registry<Metric.ForKind> metrics) {
    List<Task> chosen = model.tasks().stream().filter(t -> tasks.contains(t.name())).toList();
    Evaluator evaluator = evaluator(chosen, metrics);
    Map<String, Tensor> predictions = model.predict(data.features(), data.groups(), BATCH);
    for (Task t : chosen) add(evaluator, t, predictions.get(t.name()), data);
    return evaluator.result();
  }

  /** Metrics of every task over a streamed file, chunk by chunk: memory is one chunk plus the metrics' accumulators. */
  public static Evaluation evaluate(MultiTaskModel model, RowStream data, Registry<Metric.ForKind> metrics) {
    Evaluator evaluator = new Evaluator(metricsOf(model.tasks(), metrics));
    data.forEach(chunk -> {
      Map<String, Tensor> predictions = model.predict(chunk.features(), chunk.groups(), BATCH);
      for (Task t : model.tasks()) add(evaluator, t, predictions.get(t.name()), chunk);
    });
    return evaluator.result();
  }

  /** Metrics of every task, each on its own dataset. */
  public static Evaluation evaluate(MultiTaskModel model, MultiInputData data) {
    return evaluate(model, data, Metrics.defaults());
  }

  /** Metrics of every task, each on its own dataset, named in {@code metrics}. */
  public static Evaluation evaluate(MultiTaskModel model, MultiInputData data, Registry<Metric.ForKind> metrics) {
    return evaluate(model.tasks(), predictor(model), data, metrics);
  }

  /** As {@link #evaluate(List, Function, Dataset, Registry)}, each task on its own dataset. */
  public static Evaluation evaluate(List<Task> tasks, Predictor predictor,
                                    MultiInputData data, Registry<Metric.ForKind> metrics) {
    Evaluator evaluator = evaluator(tasks, metrics);
    for (Task t : tasks) {
      Dataset d = data.get(t.name());
      add(evaluator, t, predictor.predict(d.features(), d.groups()).get(t.name()), d);
    }
    return evaluator.result();
  }

  /** An evaluator of {@code tasks}' metrics that marks the auxiliary tasks so no average counts them. */
  private static Evaluator evaluator(List<Task> tasks, Registry<Metric.ForKind> metrics) {
    Evaluator evaluator = new Evaluator(metricsOf(tasks, metrics));
    for (Task t : tasks) if (t.isAuxiliary()) evaluator.auxiliary(t.name());
    return evaluator;
  }

  /** Metrics in the labels' own units: standardised predictions and labels are mapped back first. */
  private static void add(Evaluator evaluator, Task task, Tensor predictions, Dataset data) {
    float[] p = predictions.toArray(), y = data.labels(task.name()).toArray();
    TargetScaling scaling = data.targetScaling(task.name());
    if (scaling != null) {
      scaling.toOriginal(p);
      scaling.toOriginal(y);
    }
    float[] mask = data.mask(task.name()).toArray();
    if (task.type() instanceof TaskType.Segmentation dense) {
      // Per-pixel metrics read one row per labelled pixel.
      PixelRows.of(p, y, mask, data.rows(), dense.classes(), dense.pixels())
          .addTo(evaluator, task.name());
      return;
    }
    evaluator.add(task.name(), p, y, mask, data.rows(), predictions.cols());
  }

  /**
   * How a task's metrics read its rows. A reconstruction's [B, width] values are scored cell by cell, as the
   * multilabel kind's error metrics (mse, rmse, mae) read a row's cells; its labels are values, not 0/1.
   */
  private static LabelKind labelKind(TaskType type) {
    if (type instanceof TaskType.Reconstruction) return LabelKind.MULTILABEL;
    return LabelKind.valueOf(type.kind().toUpperCase(Locale.ROOT));
  }

  /** The task's metrics by name from {@code metrics}, or the built-in defaults of its kind when it names none. */
  static Map<String, List<Metric>> metricsOf(List<Task> tasks, Registry<Metric.ForKind> metrics) {
    Map<String, List<Metric>> out = new LinkedHashMap<>();
    for (Task t : tasks) {
      boolean dense = t.type() instanceof TaskType.Segmentation;
      // A segmentation's pixels are multiclass rows (PixelRows), scored by mean IoU and pixel accuracy by default.
      LabelKind kind = dense ? LabelKind.MULTICLASS : labelKind(t.type());
      List<String> names = !t.metrics().isEmpty() ? t.metrics() : dense ? DENSE_METRICS
          : t.type() instanceof TaskType.Reconstruction ? RECONSTRUCTION_METRICS : List.of();
      out.put(t.name(), names.isEmpty() ? Metrics.defaults(kind)
          : names.stream().map(m -> Metrics.byName(metrics, m, kind)).toList());
    }
    return out;
  }
}
