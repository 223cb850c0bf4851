package io.mtl4j.metrics;

/**
 * Fraction of labelled pixels whose class is predicted right (Long et al. 2015's "pixel accuracy"). Rows are pixels:
 * feed a dense head's output through {@link PixelRows}; ignored pixels carry mask 0 there.
 */
public record PixelAccuracy(LabelKind kind) implements Metric {
  public PixelAccuracy {
    MetricKinds.require("pixel-accuracy", kind, LabelKind.BINARY, LabelKind.MULTICLASS);
  }

  @Override
  public String name() {
    return "pixel-accuracy";
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
