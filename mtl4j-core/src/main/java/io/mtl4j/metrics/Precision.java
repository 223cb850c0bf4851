package io.mtl4j.metrics;

import java.util.Objects;

/** Precision tp/(tp + fp) at threshold 0.5 / argmax; 0 when nothing is predicted positive. */
public record Precision(LabelKind kind, Averaging averaging) implements Metric {
  public Precision {
    MetricKinds.require("precision", kind, LabelKind.BINARY, LabelKind.MULTICLASS, LabelKind.MULTILABEL);
    MetricKinds.requireAveraging("precision", kind, Objects.requireNonNull(averaging, "averaging"));
  }

  /** {@code precision} (positive class), {@code precision-macro} or {@code precision-micro}. */
  @Override
  public String name() {
    return MetricKinds.averagedName("precision", averaging);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ConfusionAccumulator(name(), kind, c -> c.precision(averaging));
  }
}
