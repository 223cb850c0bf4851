package io.mtl4j.metrics;

/** Fraction of rows predicted right (threshold 0.5 / argmax); for multilabel the subset accuracy (all labels right). */
public record Accuracy(LabelKind kind) implements Metric {
  public Accuracy {
    MetricKinds.require("accuracy", kind, LabelKind.BINARY, LabelKind.MULTICLASS, LabelKind.MULTILABEL);
  }

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ConfusionAccumulator(name(), kind, Confusion::accuracy);
  }
}
