package io.mtl4j.metrics;

/**
 * A metric for one {@link LabelKind}: a name, a direction and a factory of streaming accumulators (Guava's
 * Stats/StatsAccumulator split: the metric is a value, the accumulator holds the running sums).
 */
public interface Metric {

  /** Registry name, lowercase ({@code auc}, {@code f1-macro}, {@code rmse}...). */
  String name();

  LabelKind kind();

  /** True for scores (accuracy, AUC, R²), false for errors and losses (log loss, RMSE). */
  boolean higherIsBetter();

  /** A fresh accumulator; feed it batches with {@link MetricAccumulator#add} and read {@link MetricAccumulator#value}. */
  MetricAccumulator newAccumulator();
}
