package io.mtl4j.metrics;

/** Root mean squared error, √MSE over all valid cells (not a mean of per-batch roots). */
public record Rmse(LabelKind kind) implements Metric {
  public Rmse {
    MetricKinds.require("rmse", kind, LabelKind.REGRESSION, LabelKind.BINARY, LabelKind.MULTILABEL);
  }

  @Override
  public String name() {
    return "rmse";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ErrorSums(name(), kind, e -> Math.sqrt(e.meanSquared()));
  }
}
