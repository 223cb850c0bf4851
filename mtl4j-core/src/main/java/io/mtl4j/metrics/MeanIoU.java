package io.mtl4j.metrics;

/**
 * Mean intersection over union, the segmentation score of Long et al. 2015 ("Fully Convolutional Networks"): per
 * class TP / (TP + FP + FN), averaged over the classes that occur in labels or predictions. Rows are pixels: feed a
 * dense head's output through {@link PixelRows}. Binary masks count both classes (background and foreground).
 */
public record MeanIoU(LabelKind kind) implements Metric {
  public MeanIoU {
    MetricKinds.require("mean-iou", kind, LabelKind.BINARY, LabelKind.MULTICLASS);
  }

  @Override
  public String name() {
    return "mean-iou";
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new ConfusionAccumulator(name(), kind, Confusion::meanIoU);
  }
}
