package io.mtl4j.metrics;

/**
 * A dense head's batch seen as one row per pixel, the layout the per-pixel metrics ({@link MeanIoU},
 * {@link PixelAccuracy}) read: scores [B, K, H, W] (channel-major; K = 1 for a binary mask's probability) become
 * [B·H·W, K]; labels [B, H·W] become [B·H·W], and a pixel counts when its image's mask is set and its label is not
 * {@link #IGNORE}.
 *
 * @param predictions [rows, width] row-major
 * @param labels      [rows]
 * @param mask        [rows], 1 or 0
 */
public record PixelRows(float[] predictions, float[] labels, float[] mask, int rows, int width) {
  /** The label of a pixel that does not count: the per-pixel loss's convention. */
  public static final float IGNORE = io.mtl4j.task.loss.PixelCrossEntropy.IGNORE;

  /**
   * @param scores   [images, classes, pixels]
   * @param labels   [images, pixels]
   * @param rowMask  [images]: 0 for an image without labels; null means all present
   */
  public static PixelRows of(float[] scores, float[] labels, float[] rowMask, int images, int classes, int pixels) {
    long cells = (long) images * classes * pixels;
    if (images < 0 || classes < 1 || pixels < 1 || scores.length < cells || labels.length < (long) images * pixels
        || (rowMask != null && rowMask.length < images) || cells > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("PixelRows: " + scores.length + " scores, " + labels.length + " labels and "
          + (rowMask == null ? "no" : rowMask.length) + " mask entries for " + images + " images of " + classes
          + " classes × " + pixels + " pixels");
    }
    int rows = images * pixels;
    float[] p = new float[rows * classes], y = new float[rows], m = new float[rows];
    for (int n = 0; n < images; n++) {
      boolean present = rowMask == null || rowMask[n] != 0f;
      for (int q = 0; q < pixels; q++) {
        int row = n * pixels + q;
        for (int k = 0; k < classes; k++) p[row * classes + k] = scores[(n * classes + k) * pixels + q];
        float label = labels[row];
        boolean counts = present && label != IGNORE;
        y[row] = counts ? label : 0f;
        m[row] = counts ? 1f : 0f;
      }
    }
    return new PixelRows(p, y, m, rows, classes);
  }

  /** Adds these rows to {@code task}'s metrics in {@code evaluator}. */
  public void addTo(Evaluator evaluator, String task) {
    evaluator.add(task, predictions, labels, mask, rows, width);
  }

  /** Adds these rows to {@code accumulator}. */
  public void addTo(MetricAccumulator accumulator) {
    accumulator.add(predictions, labels, mask, rows, width);
  }
}
