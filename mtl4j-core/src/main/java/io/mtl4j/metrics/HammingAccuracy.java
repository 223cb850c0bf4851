package io.mtl4j.metrics;

/** Multilabel: fraction of label cells predicted right at threshold 0.5, i.e. 1 − Hamming loss. */
public record HammingAccuracy() implements Metric {

  @Override
  public String name() {
    return "hamming-accuracy";
  }

  @Override
  public LabelKind kind() {
    return LabelKind.MULTILABEL;
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ConfusionAccumulator(name(), LabelKind.MULTILABEL, Confusion::hammingAccuracy);
  }
}
