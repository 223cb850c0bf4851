package io.mtl4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable task × metric table of values, tasks and each task's metrics in insertion order; a task's first
 * metric is its primary one. Build with {@link #builder()} or {@link Evaluator}.
 */
public final class Evaluation {

  /** One cell: a metric's value on a task and the metric's direction. */
  public record Score(String task, String metric, double value, boolean higherIsBetter) {
    public Score {
      Objects.requireNonNull(task, "task");
      Objects.requireNonNull(metric, "metric");
    }
  }

  private final Map<String, Map<String, Score>> byTask;

  private Evaluation(Map<String, Map<String, Score>> byTask) {
    this.byTask = byTask;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects scores; a (task, metric) pair may be added once. */
  public static final class Builder {
    private final Map<String, Map<String, Score>> byTask = new LinkedHashMap<>();

    private Builder() {}

    public Builder add(String task, Metric metric, double value) {
      return add(task, metric.name(), value, metric.higherIsBetter());
    }

    public Builder add(String task, String metric, double value, boolean higherIsBetter) {
      Map<String, Score> scores = byTask.computeIfAbsent(task, t -> new LinkedHashMap<>());
      if (scores.containsKey(metric)) {
        throw new IllegalArgumentException("Evaluation: task '" + task + "' already has a value for " + metric);
      }
      scores.put(metric, new Score(task, metric, value, higherIsBetter));
      return this;
    }

    public Evaluation build() {
      Map<String, Map<String, Score>> copy = new LinkedHashMap<>();
      byTask.forEach((t, s) -> copy.put(t, Collections.unmodifiableMap(new LinkedHashMap<>(s))));
      return new Evaluation(Collections.unmodifiableMap(copy));
    }
  }

  public List<String> tasks() {
    return List.copyOf(byTask.keySet());
  }

  /** Metrics of {@code task} in insertion order; empty for an unknown task. */
  public List<String> metrics(String task) {
    Map<String, Score> scores = byTask.get(task);
    return scores == null ? List.of() : List.copyOf(scores.keySet());
  }

  /** Every metric name, in order of first appearance over the tasks. */
  public List<String> metricNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    byTask.values().forEach(s -> names.addAll(s.keySet()));
    return List.copyOf(names);
  }

  /** All scores, task by task. */
  public List<Score> scores() {
    List<Score> out = new ArrayList<>();
    byTask.values().forEach(s -> out.addAll(s.values()));
    return out;
  }

  public boolean has(String task, String metric) {
    Map<String, Score> scores = byTask.get(task);
    return scores != null && scores.containsKey(metric);
  }

  /** The score of (task, metric); IllegalArgumentException naming what exists when absent. */
  public Score score(String task, String metric) {
    Map<String, Score> scores = byTask.get(task);
    if (scores == null) {
      throw new IllegalArgumentException("Evaluation: unknown task '" + task + "'; tasks: " + tasks());
    }
    Score s = scores.get(metric);
    if (s == null) {
      throw new IllegalArgumentException(
          "Evaluation: task '" + task + "' has no " + metric + "; it has " + metrics(task));
    }
    return s;
  }

  public double value(String task, String metric) {
    return score(task, metric).value();
  }

  /** Mean of {@code metric} over the tasks that have it; NaN when none does. */
  public double average(String metric) {
    double sum = 0;
    int n = 0;
    for (Map<String, Score> scores : byTask.values()) {
      Score s = scores.get(metric);
      if (s != null) {
        sum += s.value();
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** Each task's first metric. */
  public Score primary(String task) {
    Map<String, Score> scores = byTask.get(task);
    if (scores == null || scores.isEmpty()) {
      throw new IllegalArgumentException("Evaluation: unknown task '" + task + "'; tasks: " + tasks());
    }
    return scores.values().iterator().next();
  }

  /**
   * Mean over tasks of the primary metric, negated where lower is better, so that higher is always better: a
   * model-selection score. It mixes scales when tasks have different primary metrics; {@link #deltaM} is the
   * scale-free comparison. NaN for an empty evaluation.
   */
  public double meanPrimaryScore() {
    double sum = 0;
    for (String task : byTask.keySet()) {
      Score s = primary(task);
      sum += s.higherIsBetter() ? s.value() : -s.value();
    }
    return byTask.isEmpty() ? Double.NaN : sum / byTask.size();
  }

  /** The mean over runs (e.g. seeds) of every (task, metric) value; all runs must have the same cells. */
  public static Evaluation mean(List<Evaluation> runs) {
    if (runs.isEmpty()) throw new IllegalArgumentException("Evaluation.mean: no runs");
    Builder b = builder();
    for (Score s : runs.get(0).scores()) {
      double sum = 0;
      for (Evaluation run : runs) sum += run.value(s.task(), s.metric());
      b.add(s.task(), s.metric(), sum / runs.size(), s.higherIsBetter());
    }
    return b.build();
  }

  /** Δm% of this evaluation against {@code baseline}; see {@link DeltaM}. */
  public double deltaM(Evaluation baseline) {
    return DeltaM.percent(this, baseline);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation other && byTask.equals(other.byTask);
  }

  @Override
  public int hashCode() {
    return byTask.hashCode();
  }

  /** One line per task: {@code task: auc=0.8123 accuracy=0.7500 logloss=0.4410}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    byTask.forEach((task, scores) -> {
      sb.append(task).append(':');
      scores.values().forEach(s -> sb.append(' ').append(s.metric()).append('=')
          .append(String.format(Locale.ROOT, "%.4f", s.value())));
      sb.append('\n');
    });
    return sb.toString();
  }
}
