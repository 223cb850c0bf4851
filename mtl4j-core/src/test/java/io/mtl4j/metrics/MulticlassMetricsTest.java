package io.mtl4j.metrics;

import static io.mtl4j.metrics.MetricFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MulticlassMetricsTest {
  private static final double TOL = 1e-6; // float32 probabilities against hand-worked decimals
  private static final LabelKind MULTICLASS = LabelKind.MULTICLASS;

  // argmax:  0  1  1  0  2  0 | masked: argmax 2, label 0
  // labels:  0  1  2  1  2  0 |
  // class 0: tp 2, fp 1, fn 0 → P 2/3, R 1,   F1 4/5
  // class 1: tp 1, fp 1, fn 1 → P 1/2, R 1/2, F1 1/2
  // class 2: tp 1, fp 0, fn 1 → P 1,   R 1/2, F1 2/3
  private static final float[] P = {
      0.7f, 0.2f, 0.1f,
      0.1f, 0.6f, 0.3f,
      0.2f, 0.5f, 0.3f,
      0.6f, 0.3f, 0.1f,
      0.1f, 0.2f, 0.7f,
      0.5f, 0.4f, 0.1f,
      0.0f, 0.0f, 1.0f};
  private static final float[] Y = {0, 1, 2, 1, 2, 0, 0};
  private static final float[] MASK = {1, 1, 1, 1, 1, 1, 0};

  private static double multiclass(String metric) {
    return value(metric, MULTICLASS, P, Y, MASK, 3);
  }

  @Test
  void accuracyIsTheArgmaxHitRate() {
    assertThat(multiclass("accuracy")).isCloseTo(4 / 6.0, within(TOL));
  }

  @Test
  void macroF1AveragesPerClassF1WhileMicroPoolsTheCounts() {
    assertThat(multiclass("f1-macro")).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(TOL));
    assertThat(multiclass("f1-micro")).isCloseTo(4 / 6.0, within(TOL));
    assertThat(multiclass("precision-macro")).isCloseTo((2 / 3.0 + 0.5 + 1) / 3, within(TOL));
    assertThat(multiclass("recall-macro")).isCloseTo((1 + 0.5 + 0.5) / 3, within(TOL));
  }

  @Test
  void plainF1IsMacroAndSaysSo() {
    Metric f1 = Metrics.byName("f1", MULTICLASS);
    assertThat(f1.name()).isEqualTo("f1-macro");
    assertThat(multiclass("f1")).isEqualTo(multiclass("f1-macro"));
  }

  @Test
  void macroAveragingSkipsClassesNeverSeen() {
    // a fourth class with zero probability that no label uses: scikit-learn's unique_labels leave it out
    float[] p4 = new float[7 * 4];
    for (int r = 0; r < 7; r++) {
      System.arraycopy(P, r * 3, p4, r * 4, 3);
    }
    assertThat(value("f1-macro", MULTICLASS, p4, Y, MASK, 4)).isCloseTo((0.8 + 0.5 + 2 / 3.0) / 3, within(TOL));
  }

  @Test
  void logLossIsMinusLogOfTheTrueClassProbability() {
    double expected = -(Math.log(0.7) + Math.log(0.6) + Math.log(0.3) + Math.log(0.3) + Math.log(0.7)
        + Math.log(0.5)) / 6;
    assertThat(multiclass("logloss")).isCloseTo(expected, within(TOL));
  }

  @Test
  void aucIsTheMacroMeanOfOneVersusRest() {
    // class 0: 7/8 pairs, class 1: 6/8, class 2: 7.5/8 (0.3 ties a negative 0.3)
    assertThat(multiclass("auc")).isCloseTo((7 + 6 + 7.5) / 24, within(TOL));
  }

  @Test
  void rejectsClassIndicesOutOfRange() {
    assertThatThrownBy(() -> value("accuracy", MULTICLASS, new float[] {0.5f, 0.5f}, new float[] {2}, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accuracy: labels[0] = 2.0, expected a class index in [0, 2)");
    assertThatThrownBy(() -> value("accuracy", MULTICLASS, new float[] {0.5f, 0.5f}, new float[] {0.5f}, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAWidthChangeBetweenBatches() {
    MetricAccumulator a = Metrics.byName("accuracy", MULTICLASS).newAccumulator();
    a.add(new float[] {0.5f, 0.5f}, new float[] {0}, null, 1, 2);
    assertThatThrownBy(() -> a.add(new float[] {0.3f, 0.3f, 0.4f}, new float[] {0}, null, 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("accuracy: width = 3 but earlier batches had width 2");
  }
}
