package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
  void leavesAuxiliaryTasksOut() {
    // The auxiliary task got 50 % worse; Δm% reads the main task alone (+10 %), and so does its per-task map.
    Evaluation model = Evaluation.builder().add("t", "auc", 0.88, true).add("recon", "mse", 1.5, false)
        .auxiliary("recon").build();
    Evaluation base = Evaluation.builder().add("t", "auc", 0.80, true).add("recon", "mse", 1.0, false).build();
    assertThat(model.deltaM(base)).isCloseTo(10.0, within(TOL));
    assertThat(DeltaM.perTask(model, base)).containsOnlyKeys("t");
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
  void isUndefinedForAChangeFromAZeroBaseline() {
    assertThat(single("r2", true, 0.5).deltaM(single("r2", true, 0.0))).isNaN();
  }

  @Test
  void zeroAgainstAZeroBaselineIsNoChange() {
    assertThat(single("mae", false, 0.0).deltaM(single("mae", false, 0.0))).isEqualTo(0.0);
  }

  @Test
  void dividesByTheMagnitudeOfANegativeBaseline() {
    // R² −0.2 against −0.5: better by 0.3, i.e. +60% of |−0.5| (dividing by −0.5 itself gave −60).
    assertThat(single("r2", true, -0.2).deltaM(single("r2", true, -0.5))).isCloseTo(60.0, within(TOL));
    assertThat(single("r2", true, -0.8).deltaM(single("r2", true, -0.5))).isCloseTo(-60.0, within(TOL));
  }

  @Test
  void countsRSquaredOnlyWithoutAnotherSquaredErrorMetric() {
    // task a: rmse 8 vs 10 (+20), mae 6 vs 5 (−20), r2 left out (a function of rmse); task b: r2 alone, 0.6 vs 0.5 (+20).
    Evaluation model = Evaluation.builder().add("a", "rmse", 8, false).add("a", "mae", 6, false)
        .add("a", "r2", -0.1, true).add("b", "r2", 0.6, true).build();
    Evaluation baseline = Evaluation.builder().add("a", "rmse", 10, false).add("a", "mae", 5, false)
        .add("a", "r2", -0.9, true).add("b", "r2", 0.5, true).build();
    assertThat(DeltaM.counted(model, "a")).containsExactly("rmse", "mae");
    assertThat(DeltaM.perTask(model, baseline).get("a")).isCloseTo(0.0, within(TOL));
    assertThat(DeltaM.percent(model, baseline)).isCloseTo(10.0, within(TOL));
  }

  @Test
  void theIssuesRegressionCaseIsAGain() {
    // Two targets with rmse, mae and a negative r2; the model is better on every metric.
    Evaluation model = Evaluation.builder()
        .add("motor", "rmse", 7.6, false).add("motor", "mae", 6.4, false).add("motor", "r2", -0.05, true)
        .add("total", "rmse", 9.5, false).add("total", "mae", 8.0, false).add("total", "r2", -0.10, true).build();
    Evaluation baseline = Evaluation.builder()
        .add("motor", "rmse", 8.0, false).add("motor", "mae", 6.4, false).add("motor", "r2", -0.15, true)
        .add("total", "rmse", 10.0, false).add("total", "mae", 10.0, false).add("total", "r2", -0.20, true).build();
    // motor: (+5 + 0)/2 = 2.5; total: (+5 + 20)/2 = 12.5; Δm = 7.5
    assertThat(DeltaM.percent(model, baseline)).isCloseTo(7.5, within(TOL));
  }

  /** Random evaluations of 1–4 tasks with 1–3 metrics of either direction and values of either sign. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void aModelBetterOnEveryMetricHasAPositiveDeltaM(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] names = {"rmse", "mae", "r2", "auc", "logloss"};
    Evaluation.Builder better = Evaluation.builder(), worse = Evaluation.builder(), base = Evaluation.builder();
    for (int t = r.nextInt(1, 5); t > 0; t--) {
      for (int j = r.nextInt(1, 4); j > 0; j--) {
        boolean up = r.nextBoolean();
        double b = r.nextDouble(-2, 2), step = r.nextDouble(0.01, 1);
        if (b == 0) b = 0.5;
        String name = names[j] + (up ? "" : "-err");
        base.add("t" + t, name, b, up);
        better.add("t" + t, name, up ? b + step : b - step, up);
        worse.add("t" + t, name, up ? b - step : b + step, up);
      }
    }
    assertThat(better.build().deltaM(base.build())).isPositive();
    assertThat(worse.build().deltaM(base.build())).isNegative();
  }

  @Test
  void rejectsABaselineWithoutTheModelsMetrics() {
    assertThatThrownBy(() -> single("auc", true, 0.8).deltaM(single("logloss", false, 0.4)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DeltaM: the baseline has no auc for task 't'; it has [logloss]");
  }
}
