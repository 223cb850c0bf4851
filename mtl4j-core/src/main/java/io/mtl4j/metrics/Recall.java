package io.mtl4j.metrics;

import java.util.Objects;

/** Recall tp/(tp + fn) at threshold 0.5 / argmax; 0 when no label is positive. */
public record Recall(LabelKind kind, Averaging averaging) implements Metric {
  public Recall {
    MetricKinds.require("recall", kind, LabelKind.BINARY, LabelKind.MULTICLASS, LabelKind.MULTILABEL);
    MetricKinds.requireAveraging("recall", kind, Objects.requireNonNull(averaging, "averaging"));
  }

  /** {@code recall} (positive class), {@code recall-macro} or {@code recall-micro}. */
  @Override
  public String name() {
    return MetricKinds.averagedName("recall", averaging);
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ConfusionAccumulator(name(), kind, c -> c.recall(averaging));
  }
}
