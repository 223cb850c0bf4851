package io.mtl4j.metrics;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Streams batches of several tasks into their metrics' accumulators and yields an {@link Evaluation}. */
public final class Evaluator {
  private final Map<String, List<Metric>> metrics;
  private final Map<String, List<MetricAccumulator>> accumulators = new LinkedHashMap<>();
  private final Set<String> auxiliary = new LinkedHashSet<>();

  /** @param metricsByTask metrics per task, in the order the evaluation should list them (first = primary) */
  public Evaluator(Map<String, List<Metric>> metricsByTask) {
    this.metrics = new LinkedHashMap<>(Objects.requireNonNull(metricsByTask, "metricsByTask"));
    this.metrics.forEach((task, list) -> accumulators.put(task,
        list.stream().map(Metric::newAccumulator).toList()));
  }

  /** Marks {@code task} auxiliary in the results (see {@link Evaluation}). */
  public Evaluator auxiliary(String task) {
    auxiliary.add(task);
    return this;
  }

  /** Adds one batch of {@code task}; arguments as in {@link MetricAccumulator#add}. */
  public void add(String task, float[] predictions, float[] labels, float[] mask, int rows, int width) {
    List<MetricAccumulator> list = accumulators.get(task);
    if (list == null) {
      throw new IllegalArgumentException("Evaluator: unknown task '" + task + "'; tasks: " + metrics.keySet());
    }
    for (MetricAccumulator a : list) {
      a.add(predictions, labels, mask, rows, width);
    }
  }

  /** The values so far; the evaluator can keep accumulating afterwards. */
  public Evaluation result() {
    Evaluation.Builder b = Evaluation.builder();
    auxiliary.forEach(b::auxiliary);
    metrics.forEach((task, list) -> {
      List<MetricAccumulator> acc = accumulators.get(task);
      for (int i = 0; i < list.size(); i++) {
        b.add(task, list.get(i), acc.get(i).value());
      }
    });
    return b.build();
  }
}
