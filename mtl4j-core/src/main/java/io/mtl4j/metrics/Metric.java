package io.mtl4j.metrics;

/**
 * A metric for one {@link LabelKind}: a name, a direction and a factory of streaming accumulators (Guava's
 * Stats/StatsAccumulator split: the metric is a value, the accumulator holds the running sums).
 */
public interface Metric {

  /**
   * A metric name's value for a label kind: what a metric registry holds ({@link Metrics#defaults()}), since one name
   * ({@code f1}) means a different metric for binary and multiclass labels. Throws IllegalArgumentException for a
   * kind the metric does not apply to.
   */
  @FunctionalInterface
  interface ForKind {
    Metric of(LabelKind kind);
  }

  /** Registry name, lowercase ({@code auc}, {@code f1-macro}, {@code rmse}...). */
  String name();

  LabelKind kind();

  /** True for scores (accuracy, AUC, R²), false for errors and losses (log loss, RMSE). */
  boolean higherIsBetter();

  /** A fresh accumulator; feed it batches with {@link MetricAccumulator#add} and read {@link MetricAccumulator#value}. */
  MetricAccumulator newAccumulator();
}
