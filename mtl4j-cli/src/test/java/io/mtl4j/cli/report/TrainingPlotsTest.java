package io.mtl4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Learning curves: one quantity per plot, every validation metric of every task, each model's best epoch marked. */
class TrainingPlotsTest {
  private static final List<String> TASKS = List.of("motor", "total");

  /** A regression run: losses of several hundred falling, validation RMSE/MAE near 8 and R² below 1. */
  static TrainingResult run(long seed, int epochs) {
    SplittableRandom r = new SplittableRandom(seed);
    List<EpochRecord> records = new ArrayList<>();
    int best = r.nextInt(epochs);
    for (int e = 0; e < epochs; e++) {
      Evaluation.Builder b = Evaluation.builder();
      for (String t : TASKS) {
        b.add(t, "rmse", 8 + r.nextDouble(), false).add(t, "mae", 6 + r.nextDouble(), false)
            .add(t, "r2", r.nextDouble(), true);
      }
      Evaluation v = b.build();
      double[] loss = {300.0 / (e + 1), 250.0 / (e + 1)};
      records.add(new EpochRecord(e, loss, new double[] {1, 1}, v, v.meanPrimaryScore(), e == best, 0.1, 0.02));
    }
    return new TrainingResult(records, best, epochs * 10L, 1.0);
  }

  private static Map<String, LinePlot> byTitle(Report report) {
    Map<String, LinePlot> out = new LinkedHashMap<>();
    for (Plot p : report.plots()) if (p instanceof LinePlot l) out.put(l.title(), l);
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void givesTheTrainingLossAndEachValidationMetricOfEveryTaskItsOwnAxes(long seed) {
    TrainingResult r = run(seed, 12);
    Map<String, LinePlot> plots = byTitle(new Report("t").curves(Map.of("mmoe", r), TASKS));
    for (String task : TASKS) {
      assertThat(plots).containsKeys(task + ": training loss", task + ": validation rmse", task + ": validation mae",
          task + ": validation r2");
      assertThat(plots.get(task + ": training loss").series(LinePlot.Style.LINE)).singleElement()
          .satisfies(s -> assertThat(s.y()[0]).isEqualTo(r.epochs().get(0).trainLoss()[TASKS.indexOf(task)]));
      LinePlot rmse = plots.get(task + ": validation rmse");
      assertThat(rmse.yTitle()).isEqualTo("rmse");
      assertThat(rmse.series(LinePlot.Style.LINE).get(0).y()[3]).isEqualTo(r.epochs().get(3).validation().value(task, "rmse"));
      assertThat(rmse.caption()).contains("lower is better");
      assertThat(plots.get(task + ": validation r2").caption()).contains("higher is better");
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6})
  void marksTheBestEpochOnEveryCurveAtItsValue(long seed) {
    TrainingResult r = run(seed, 9);
    int best = r.bestEpoch();
    Map<String, LinePlot> plots = byTitle(new Report("t").curves(Map.of("mmoe", r), TASKS));
    LinePlot mae = plots.get("total: validation mae");
    assertThat(mae.series(LinePlot.Style.MARKER)).singleElement().satisfies(m -> {
      assertThat(m.name()).isEqualTo("best epoch " + (best + 1));
      assertThat(m.x()).containsExactly(best + 1);
      assertThat(m.y()).containsExactly(r.epochs().get(best).validation().value("total", "mae"));
    });
    assertThat(plots.get("total: training loss").series(LinePlot.Style.MARKER).get(0).y())
        .containsExactly(r.epochs().get(best).trainLoss()[1]);
    assertThat(plots.get("valid score").series(LinePlot.Style.MARKER).get(0).y()).containsExactly(r.epochs().get(best).score());
    assertThat(plots.get("valid score").caption()).contains(EpochRecord.SCORE_MEANING);
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8})
  void overlaysComparedModelsOnePlotPerQuantityEachWithItsOwnBestEpoch(long seed) {
    Map<String, TrainingResult> runs = new LinkedHashMap<>();
    runs.put("single-task", run(seed, 6));
    runs.put("mmoe", run(seed + 100, 8));
    LinePlot rmse = byTitle(new Report("c").curves(runs, TASKS)).get("motor: validation rmse");
    assertThat(rmse.series(LinePlot.Style.LINE)).extracting(LinePlot.Series::name).containsExactly("single-task", "mmoe");
    assertThat(rmse.series(LinePlot.Style.MARKER)).extracting(LinePlot.Series::name).containsExactly(
        "single-task best epoch " + (runs.get("single-task").bestEpoch() + 1), "mmoe best epoch " + (runs.get("mmoe").bestEpoch() + 1));
  }

  /** Equal weighting draws a flat line at 1 for every task: no plot; weights that differ between tasks get one. */
  @Test
  void plotsTaskWeightsOnlyWhenTheyDiffer() {
    TrainingResult equal = run(9, 4);
    assertThat(byTitle(new Report("t").curves(Map.of("mmoe", equal), TASKS))).doesNotContainKey("task weights");
    List<EpochRecord> fixed = equal.epochs().stream().map(e -> new EpochRecord(e.epoch(), e.trainLoss(),
        new double[] {0.25, 2.0}, e.validation(), e.score(), e.best(), e.seconds(), e.validationSeconds())).toList();
    LinePlot weights = byTitle(new Report("t").curves(Map.of("mmoe", new TrainingResult(fixed, equal.bestEpoch(), 40, 1)),
        TASKS)).get("task weights");
    assertThat(weights.series(LinePlot.Style.LINE)).extracting(LinePlot.Series::name).containsExactlyElementsOf(TASKS);
    assertThat(weights.series("total").orElseThrow().y()).containsOnly(2.0);
  }
}
