package io.mtl4j.metrics;

import java.util.Objects;

/** F1 score 2tp/(2tp + fp + fn), the harmonic mean of precision and recall (van Rijsbergen, 1979); 0 when 0/0. */
public record F1(LabelKind kind, Averaging averaging) implements Metric {
  public F1 {
    MetricKinds.require("f1", kind, LabelKind.BINARY, LabelKind.MULTICLASS, LabelKind.MULTILABEL);
    MetricKinds.requireAveraging("f1", kind, Objects.requireNonNull(averaging, "averaging"));
  }

  /** {@code f1} (positive class), {@code f1-macro} or {@code f1-micro}. */
  @Override
  public String name() {
    return MetricKinds.averagedName("f1", averaging);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ConfusionAccumulator(name(), kind, c -> c.f1(averaging));
  }
}
