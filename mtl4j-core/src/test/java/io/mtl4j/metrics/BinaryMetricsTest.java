package io.mtl4j.metrics;

import static io.mtl4j.metrics.MetricFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMetricsTest {
  // predictions are float32, expectations are decimals worked by hand
  private static final double TOL = 1e-6;
  private static final LabelKind BINARY = LabelKind.BINARY;

  // predicted (p > 0.5):  1    1    0    1    0    0   | masked rows: confidently wrong, then an invalid label
  // labels:               1    1    0    0    1    0   | tp = 2, fp = 1, fn = 1, tn = 2
  private static final float[] P = {0.9f, 0.8f, 0.3f, 0.6f, 0.2f, 0.4f, 0.99f, 0.01f};
  private static final float[] Y = {1, 1, 0, 0, 1, 0, 0, 7};
  private static final float[] MASK = {1, 1, 1, 1, 1, 1, 0, 0};

  private static double binary(String metric) {
    return value(metric, BINARY, P, Y, MASK, 1);
  }

  @Test
  void countsThresholdedPredictions() {
    assertThat(binary("accuracy")).isCloseTo(4 / 6.0, within(TOL));
    assertThat(binary("precision")).isCloseTo(2 / 3.0, within(TOL));
    assertThat(binary("recall")).isCloseTo(2 / 3.0, within(TOL));
    assertThat(binary("f1")).isCloseTo(2 / 3.0, within(TOL));
  }

  @Test
  void precisionAndRecallDifferWhenErrorsAreOneSided() {
    // predicted 1 1 1 0, labels 1 0 0 0: tp 1, fp 2, fn 0
    float[] p = {0.9f, 0.7f, 0.6f, 0.1f};
    float[] y = {1, 0, 0, 0};
    assertThat(value("precision", BINARY, p, y, 1)).isCloseTo(1 / 3.0, within(TOL));
    assertThat(value("recall", BINARY, p, y, 1)).isCloseTo(1.0, within(TOL));
    assertThat(value("f1", BINARY, p, y, 1)).isCloseTo(0.5, within(TOL));
  }

  @Test
  void thresholdIsStrictlyAboveOneHalf() {
    assertThat(value("accuracy", BINARY, new float[] {0.5f}, new float[] {0}, 1)).isEqualTo(1.0);
  }

  @Test
  void nothingPredictedPositiveGivesZeroPrecisionLikeScikitLearn() {
    assertThat(value("precision", BINARY, new float[] {0.1f, 0.2f}, new float[] {1, 0}, 1)).isEqualTo(0.0);
  }

  @Test
  void aucCountsOrderedPairs() {
    // positives 0.9, 0.8, 0.2 against negatives 0.3, 0.6, 0.4: 3 + 3 + 0 of 9 pairs
    assertThat(binary("auc")).isCloseTo(6 / 9.0, within(TOL));
  }

  @Test
  void logLossIsMeanBinaryCrossEntropy() {
    double expected = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.7) + Math.log(0.4) + Math.log(0.2)
        + Math.log(0.6)) / 6;
    assertThat(binary("logloss")).isCloseTo(expected, within(TOL));
    assertThat(expected).isCloseTo(0.6202889, within(1e-7));
  }

  @Test
  void logLossClipsCertainMistakesAtFloatEpsilon() {
    assertThat(value("logloss", BINARY, new float[] {1f}, new float[] {0}, 1))
        .isCloseTo(-Math.log(Math.ulp(1.0f)), within(1e-9));
  }

  @Test
  void errorMetricsReadProbabilitiesAsNumbers() {
    // errors 0.1, 0.2, 0.3, 0.6, 0.8, 0.4
    double mse = (0.01 + 0.04 + 0.09 + 0.36 + 0.64 + 0.16) / 6;
    assertThat(binary("mse")).isCloseTo(mse, within(TOL));
    assertThat(binary("rmse")).isCloseTo(Math.sqrt(mse), within(TOL));
    assertThat(binary("mae")).isCloseTo(2.4 / 6, within(TOL));
  }

  @Test
  void macroAndMicroF1AverageBothClasses() {
    // class 0: tp 2, fp 1, fn 1 → 2/3; class 1 the same; micro = accuracy
    assertThat(binary("f1-macro")).isCloseTo(2 / 3.0, within(TOL));
    assertThat(binary("f1-micro")).isCloseTo(4 / 6.0, within(TOL));
  }

  @Test
  void rejectsLabelsOtherThanZeroOrOne() {
    assertThatThrownBy(() -> value("accuracy", BINARY, new float[] {0.2f, 0.3f}, new float[] {1, -1}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accuracy: labels[1] = -1.0, expected 0 or 1");
  }

  @Test
  void rejectsAWidthOtherThanOne() {
    assertThatThrownBy(() -> value("auc", BINARY, new float[4], new float[2], 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("auc: width = 2, expected 1 for binary predictions");
  }

  @Test
  void rejectsArraysShorterThanTheShape() {
    MetricAccumulator a = Metrics.byName("logloss", BINARY).newAccumulator();
    assertThatThrownBy(() -> a.add(new float[3], new float[2], null, 3, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("logloss: labels has length 2, expected >= 3");
  }

  @Test
  void nonFinitePredictionsGiveNaN() {
    float[] p = {Float.NaN, 0.2f};
    float[] y = {1, 0};
    assertThat(value("accuracy", BINARY, p, y, 1)).isNaN();
    assertThat(value("auc", BINARY, p, y, 1)).isNaN();
    assertThat(value("logloss", BINARY, p, y, 1)).isNaN();
  }
}
