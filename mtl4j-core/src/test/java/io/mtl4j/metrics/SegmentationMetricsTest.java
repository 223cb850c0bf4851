package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Mean IoU and pixel accuracy over a dense head's pixels, against counts worked by hand. */
class SegmentationMetricsTest {
  private static final double TOL = 1e-12; // ratios of small integer counts
  private static final float I = PixelRows.IGNORE;

  // Two 2×2 images, K = 3 classes, scores channel-major [image, class, pixel]; image 1 is masked out entirely.
  // image 0 argmax per pixel: [0, 1, 2, 2]; labels [0, 2, 2, ignored]
  private static final float[] SCORES = {
      0.8f, 0.1f, 0.1f, 0.2f,   // class 0
      0.1f, 0.7f, 0.2f, 0.3f,   // class 1
      0.1f, 0.2f, 0.7f, 0.5f,   // class 2
      1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0};
  private static final float[] LABELS = {0, 2, 2, I, 2, 2, 2, 2};
  private static final float[] IMAGES = {1, 0};

  private static double score(String metric, LabelKind kind, PixelRows rows) {
    MetricAccumulator a = Metrics.byName(metric, kind).newAccumulator();
    rows.addTo(a);
    return a.value();
  }

  @Test
  void meanIoUAveragesPerClassIntersectionOverUnion() {
    PixelRows rows = PixelRows.of(SCORES, LABELS, IMAGES, 2, 3, 4);
    // class 0: tp 1, fp 0, fn 0 → 1 ; class 1: tp 0, fp 1, fn 0 → 0 ; class 2: tp 1, fp 0, fn 1 → 1/2
    assertThat(score("mean-iou", LabelKind.MULTICLASS, rows)).isCloseTo((1 + 0 + 0.5) / 3, within(TOL));
  }

  @Test
  void pixelAccuracyCountsLabelledPixelsOfLabelledImages() {
    PixelRows rows = PixelRows.of(SCORES, LABELS, IMAGES, 2, 3, 4);
    assertThat(rows.rows()).isEqualTo(8);
    assertThat(rows.mask()).containsExactly(1, 1, 1, 0, 0, 0, 0, 0);
    assertThat(score("pixel-accuracy", LabelKind.MULTICLASS, rows)).isCloseTo(2 / 3.0, within(TOL));
  }

  @Test
  void binaryMasksScoreBackgroundAndForeground() {
    // one 1×4 mask, foreground probabilities → predicted [1, 1, 0, 0]; truth [1, 0, 0, 0]
    PixelRows rows = PixelRows.of(new float[] {0.9f, 0.6f, 0.2f, 0.1f}, new float[] {1, 0, 0, 0}, null, 1, 1, 4);
    // foreground: tp 1, fp 1 → 1/2 ; background: tp 2, fn 1 → 2/3
    assertThat(score("mean-iou", LabelKind.BINARY, rows)).isCloseTo((0.5 + 2 / 3.0) / 2, within(TOL));
    assertThat(score("pixel-accuracy", LabelKind.BINARY, rows)).isCloseTo(0.75, within(TOL));
  }

  @Test
  void perfectSegmentationScoresOne() {
    PixelRows rows = PixelRows.of(SCORES, new float[] {0, 1, 2, 2, 0, 0, 0, 0}, null, 2, 3, 4);
    assertThat(score("mean-iou", LabelKind.MULTICLASS, rows)).isEqualTo(1.0);
    assertThat(score("pixel-accuracy", LabelKind.MULTICLASS, rows)).isEqualTo(1.0);
  }

  @Test
  void rejectsScoresThatDoNotFillTheImages() {
    assertThatThrownBy(() -> PixelRows.of(new float[5], new float[4], null, 1, 2, 4))
        .hasMessageContaining("5 scores, 4 labels").hasMessageContaining("1 images of 2 classes × 4 pixels");
  }

  @Test
  void doNotApplyToRegression() {
    assertThatThrownBy(() -> new MeanIoU(LabelKind.REGRESSION)).hasMessageContaining("mean-iou does not apply");
  }
}
