package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeltaMTest {
  private static final double TOL = 1e-9; // a handful of double operations on exact decimals

  private static Evaluation single(String metric, boolean higherIsBetter, double value) {
    return Evaluation.builder().add("t", metric, value, higherIsBetter).build();
  }

  @Test
  void aHigherScoreIsAGain() {
    assertThat(single("auc", true, 0.88).deltaM(single("auc", true, 0.80))).isCloseTo(10.0, within(TOL));
    assertThat(single("auc", true, 0.72).deltaM(single("auc", true, 0.80))).isCloseTo(-10.0, within(TOL));
  }

  @Test
  void aLowerErrorIsAGain() {
    assertThat(single("rmse", false, 0.9).deltaM(single("rmse", false, 1.0))).isCloseTo(10.0, within(TOL));
    assertThat(single("rmse", false, 1.2).deltaM(single("rmse", false, 1.0))).isCloseTo(-20.0, within(TOL));
  }

  @Test
  void averagesMetricsWithinATaskThenTasks() {
    Evaluation model = Evaluation.builder()
        .add("a", "auc", 0.8, true).add("a", "logloss", 0.5, false)
        .add("b", "rmse", 0.9, false).build();
    Evaluation baseline = Evaluation.builder()
        .add("a", "auc", 0.8, true).add("a", "logloss", 0.4, false)
        .add("b", "rmse", 1.0, false).build();
    // task a: (0 − 25)/2 = −12.5; task b: +10; Δm = −1.25 (not the mean of the three metrics, −5)
    assertThat(DeltaM.perTask(model, baseline)).containsOnlyKeys("a", "b");
    assertThat(DeltaM.perTask(model, baseline).get("a")).isCloseTo(-12.5, within(TOL));
    assertThat(DeltaM.perTask(model, baseline).get("b")).isCloseTo(10.0, within(TOL));
    assertThat(DeltaM.percent(model, baseline)).isCloseTo(-1.25, within(TOL));
    assertThat(baseline.deltaM(baseline)).isEqualTo(0.0);
  }

  @Test
  void isUndefinedAgainstAZeroBaseline() {
    assertThat(single("r2", true, 0.5).deltaM(single("r2", true, 0.0))).isNaN();
  }

  @Test
  void rejectsABaselineWithoutTheModelsMetrics() {
    assertThatThrownBy(() -> single("auc", true, 0.8).deltaM(single("logloss", false, 0.4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DeltaM: the baseline has no auc for task 't'; it has [logloss]");
  }
}
