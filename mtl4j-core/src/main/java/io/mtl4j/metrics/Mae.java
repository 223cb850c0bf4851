package io.mtl4j.metrics;

/** Mean absolute error over valid cells. */
public record Mae(LabelKind kind) implements Metric {
  public Mae {
    MetricKinds.require("mae", kind, LabelKind.REGRESSION, LabelKind.BINARY, LabelKind.MULTILABEL);
  }

  @Override
  public String name() {
    return "mae";
  }

  @Override
  public boolean higherIsBetter() {
    return false;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ErrorSums(name(), kind, ErrorSums::meanAbsolute);
  }
}
