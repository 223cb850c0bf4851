package io.mtl4j.metrics;

import static io.mtl4j.metrics.MetricFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MultilabelMetricsTest {
  private static final double TOL = 1e-6; // float32 probabilities against hand-worked decimals
  private static final LabelKind MULTILABEL = LabelKind.MULTILABEL;

  // row   p            y       predicted  per column
  //  0   0.9 0.2      1 0      1 0        tp  tn   exact
  //  1   0.6 0.7      0 1      1 1        fp  tp
  //  2   0.3 0.4      1 0      0 0        fn  tn
  //  3   0.1 0.8      0 1      0 1        tn  tp   exact
  //  4   0.7 0.9      1 0      1 1        tp  fp
  //  5   0.0 0.0      1 1      (masked)
  // column 0: tp 2, fp 1, fn 1 → F1 4/6; column 1: tp 2, fp 1, fn 0 → F1 4/5; pooled: tp 4, fp 2, fn 1 → 8/11
  private static final float[] P = {0.9f, 0.2f, 0.6f, 0.7f, 0.3f, 0.4f, 0.1f, 0.8f, 0.7f, 0.9f, 0f, 0f};
  private static final float[] Y = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1};
  private static final float[] MASK = {1, 1, 1, 1, 1, 0};

  private static double multilabel(String metric) {
    return value(metric, MULTILABEL, P, Y, MASK, 2);
  }

  @Test
  void subsetAccuracyNeedsEveryLabelRightHammingCountsCells() {
    assertThat(multilabel("accuracy")).isCloseTo(2 / 5.0, within(TOL));
    assertThat(multilabel("hamming-accuracy")).isCloseTo(7 / 10.0, within(TOL));
  }

  @Test
  void macroF1AveragesColumnsWhileMicroPoolsCells() {
    assertThat(multilabel("f1-macro")).isCloseTo((4 / 6.0 + 4 / 5.0) / 2, within(TOL));
    assertThat(multilabel("f1-micro")).isCloseTo(8 / 11.0, within(TOL));
  }

  @Test
  void aucIsTheMacroMeanOverColumns() {
    // column 0: positives 0.9, 0.3, 0.7 vs 0.6, 0.1 → 5/6; column 1: 0.7, 0.8 vs 0.2, 0.4, 0.9 → 4/6
    assertThat(multilabel("auc")).isCloseTo((5 / 6.0 + 4 / 6.0) / 2, within(TOL));
  }

  @Test
  void aucLeavesOutColumnsWithOneClassButF1CountsThemAsZero() {
    // a third column, always 0 and always predicted 0: AUC is undefined there, F1 is 0/0 → 0 (scikit-learn)
    float[] p = new float[6 * 3];
    float[] y = new float[6 * 3];
    for (int r = 0; r < 6; r++) {
      System.arraycopy(P, r * 2, p, r * 3, 2);
      System.arraycopy(Y, r * 2, y, r * 3, 2);
      p[r * 3 + 2] = 0.1f;
    }
    assertThat(value("auc", MULTILABEL, p, y, MASK, 3)).isCloseTo((5 / 6.0 + 4 / 6.0) / 2, within(TOL));
    assertThat(value("f1-macro", MULTILABEL, p, y, MASK, 3)).isCloseTo((4 / 6.0 + 4 / 5.0) / 3, within(TOL));
  }

  @Test
  void logLossAveragesCells() {
    double sum = Math.log(0.9) + Math.log(0.8) + Math.log(0.4) + Math.log(0.7) + Math.log(0.3) + Math.log(0.6)
        + Math.log(0.9) + Math.log(0.8) + Math.log(0.7) + Math.log(0.1);
    assertThat(multilabel("logloss")).isCloseTo(-sum / 10, within(TOL));
  }
}
