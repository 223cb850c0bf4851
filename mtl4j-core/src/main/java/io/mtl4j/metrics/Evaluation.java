package io.mtl4j.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable task × metric table of values, tasks and each task's metrics in insertion order; a task's first
 * metric is its primary one. Build with {@link #builder()} or {@link Evaluator}. A task marked auxiliary keeps its
 * scores but counts in no average over tasks ({@link #average}, {@link #meanPrimaryScore}, {@link DeltaM}): it serves
 * the others and is not a goal.
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
  private final Set<String> auxiliary;

  private Evaluation(Map<String, Map<String, Score>> byTask, Set<String> auxiliary) {
    this.byTask = byTask;
    this.auxiliary = auxiliary;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects scores; a (task, metric) pair may be added once. */
  public static final class Builder {
    private final Map<String, Map<String, Score>> byTask = new LinkedHashMap<>();
    private final Set<String> auxiliary = new LinkedHashSet<>();

    private Builder() {}

    /** Marks {@code task} auxiliary: its scores stay, but no average over tasks counts them. */
    public Builder auxiliary(String task) {
      auxiliary.add(Objects.requireNonNull(task, "task"));
      return this;
    }

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
      return new Evaluation(Collections.unmodifiableMap(copy), Set.copyOf(auxiliary));
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

  /** Whether {@code task} is auxiliary (left out of every average over tasks). */
  public boolean isAuxiliary(String task) {
    return auxiliary.contains(task);
  }

  /** The tasks that averages count: all but the auxiliary ones, in order. */
  public List<String> mainTasks() {
    return byTask.keySet().stream().filter(t -> !auxiliary.contains(t)).toList();
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

  /** Mean of {@code metric} over the main tasks that have it; NaN when none does. */
  public double average(String metric) {
    double sum = 0;
    int n = 0;
    for (String task : mainTasks()) {
      Score s = byTask.get(task).get(metric);
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
   * Mean over the main tasks of the primary metric, negated where lower is better, so that higher is always better:
   * a model-selection score. It mixes scales when tasks have different primary metrics; {@link #deltaM} is the
   * scale-free comparison. NaN for an evaluation without main tasks.
   */
  public double meanPrimaryScore() {
    List<String> main = mainTasks();
    double sum = 0;
    for (String task : main) {
      Score s = primary(task);
      sum += s.higherIsBetter() ? s.value() : -s.value();
    }
    return main.isEmpty() ? Double.NaN : sum / main.size();
  }

  /** The mean over runs (e.g. seeds) of every (task, metric) value; all runs must have the same cells. */
  public static Evaluation mean(List<Evaluation> runs) {
    if (runs.isEmpty()) throw new IllegalArgumentException("Evaluation.mean: no runs");
    Builder b = builder();
    runs.get(0).auxiliary.forEach(b::auxiliary);
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
    return o instanceof Evaluation other && byTask.equals(other.byTask) && auxiliary.equals(other.auxiliary);
  }

  @Override
  public int hashCode() {
    return byTask.hashCode() * 31 + auxiliary.hashCode();
  }

  /** One line per task: {@code task: auc=0.8123 accuracy=0.7500 logloss=0.4410}, an auxiliary one marked so. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    byTask.forEach((task, scores) -> {
      sb.append(task).append(auxiliary.contains(task) ? " (auxiliary):" : ":");
      scores.values().forEach(s -> sb.append(' ').append(s.metric()).append('=')
          .append(String.format(Locale.ROOT, "%.4f", s.value())));
      sb.append('\n');
    });
    return sb.toString();
  }
}
