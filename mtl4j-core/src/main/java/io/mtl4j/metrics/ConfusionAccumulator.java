package io.mtl4j.metrics;

import java.util.function.ToDoubleFunction;

/** A {@link MetricAccumulator} reading one number off {@link Confusion} counts. */
final class ConfusionAccumulator implements MetricAccumulator {
  private final Confusion counts;
  private final ToDoubleFunction<Confusion> reading;

  ConfusionAccumulator(String metric, LabelKind kind, ToDoubleFunction<Confusion> reading) {
    this.counts = new Confusion(metric, kind);
    this.reading = reading;
  }

  @Override
  public void add(float[] predictions, float[] labels, float[] mask, int rows, int width) {
    counts.add(predictions, labels, mask, rows, width);
  }

  @Override
  public double value() {
    return reading.applyAsDouble(counts);
  }
}
