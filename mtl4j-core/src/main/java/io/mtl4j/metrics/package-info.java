/**
 * Evaluation metrics over plain {@code float[]} predictions and labels with label masks, streamed batch by batch
 * ({@link io.mtl4j.metrics.MetricAccumulator}), and the immutable task × metric {@link io.mtl4j.metrics.Evaluation}
 * with averages and Δm%. Depends on nothing else in mtl4j.
 * To add a metric: add a class here, its test, and one line in {@link io.mtl4j.metrics.Metrics}.
 */
package io.mtl4j.metrics;
