package io.mtl4j.metrics;

/** Mean squared error over valid cells (the Brier score for binary and multilabel probabilities). */
public record Mse(LabelKind kind) implements Metric {
  public Mse {
    MetricKinds.require("mse", kind, LabelKind.REGRESSION, LabelKind.BINARY, LabelKind.MULTILABEL);
  }

  @Override
  public String name() {
    return "mse";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ErrorSums(name(), kind, ErrorSums::meanSquared);
  }
}
