package io.mtl4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.metrics.Auc;
import io.mtl4j.metrics.LabelKind;
import io.mtl4j.metrics.MetricAccumulator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plots of predictions: predicted vs actual and residuals for regression, ROC with AUC and calibration for binary. */
class TestPlotsTest {
  private static Map<String, LinePlot> plots(Predictions... p) {
    return new Report("t").testPlots("test", Map.of("mmoe", List.of(p)), "test").plots().stream().map(LinePlot.class::cast)
        .collect(Collectors.toMap(LinePlot::title, Function.identity()));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void regressionPlotsEachRowsPredictionAgainstItsLabelAndItsResidual(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 50 + r.nextInt(100);
    float[] y = new float[n], p = new float[n], mask = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) (20 + 5 * r.nextGaussian());
      p[i] = y[i] + (float) r.nextGaussian();
      mask[i] = r.nextInt(5) == 0 ? 0 : 1;
    }
    Predictions pred = Predictions.of("motor", Predictions.Kind.REGRESSION, p, y, mask);
    Map<String, LinePlot> plots = plots(pred);
    assertThat(plots).containsOnlyKeys("motor: predicted vs actual", "motor: residuals");
    LinePlot.Series points = plots.get("motor: predicted vs actual").series(LinePlot.Style.POINTS).get(0);
    LinePlot.Series residuals = plots.get("motor: residuals").series(LinePlot.Style.POINTS).get(0);
    assertThat(points.x()).hasSize(pred.rows()).hasSize((int) Arrays.stream(toDouble(mask)).sum());
    for (int i = 0; i < pred.rows(); i++) {
      assertThat(points.x()[i]).isEqualTo(pred.actual()[i]);
      assertThat(points.y()[i]).isEqualTo(pred.predicted()[i]);
      assertThat(residuals.x()[i]).isEqualTo(pred.predicted()[i]);
      assertThat(residuals.y()[i]).isEqualTo(pred.actual()[i] - pred.predicted()[i]);
    }
    assertThat(plots.get("motor: predicted vs actual").series(LinePlot.Style.REFERENCE)).singleElement()
        .satisfies(d -> assertThat(d.x()).containsExactly(d.y()));
  }

  @Test
  void scatterPlotsOfManyRowsShowEveryKthRowAndSaySo() {
    float[] y = new float[5000];
    for (int i = 0; i < y.length; i++) y[i] = i;
    LinePlot plot = plots(new Predictions("y", Predictions.Kind.REGRESSION, y.clone(), y)).get("y: predicted vs actual");
    assertThat(plot.series(LinePlot.Style.POINTS).get(0).x()).hasSizeLessThanOrEqualTo(TestPlots.MAX_POINTS)
        .startsWith(0, 3, 6);
    assertThat(plot.caption()).contains("every 3th shown");
  }

  @ParameterizedTest
  @ValueSource(longs = {4, 5, 6})
  void rocLegendGivesTheSameAucAsTheMetric(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 200;
    float[] p = new float[n], y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = r.nextInt(2);
      p[i] = (float) Math.min(1, Math.max(0, 0.5 + (y[i] - 0.5) * 0.4 + 0.3 * r.nextGaussian()));
    }
    MetricAccumulator auc = new Auc(LabelKind.BINARY).newAccumulator();
    float[] ones = new float[n];
    Arrays.fill(ones, 1);
    auc.add(p, y, ones, n, 1);
    Map<String, LinePlot> plots = plots(new Predictions("click", Predictions.Kind.BINARY, p, y));
    assertThat(plots).containsOnlyKeys("click: ROC", "click: precision-recall", "click: calibration");
    assertThat(plots.get("click: ROC").series(LinePlot.Style.LINE).get(0).name())
        .isEqualTo(String.format(Locale.ROOT, "ROC, AUC %.4f", auc.value()));
  }

  /** Hand-computed: probabilities 0.05, 0.15 (bin 0, 1: one positive of two), 0.92 ×2 (bin 9: both positive). */
  @Test
  void calibrationPlotsMeanPredictedProbabilityAgainstObservedFractionPerBin() {
    float[] p = {0.05f, 0.08f, 0.15f, 0.92f, 0.92f};
    float[] y = {1, 0, 0, 1, 1};
    LinePlot plot = plots(new Predictions("click", Predictions.Kind.BINARY, p, y)).get("click: calibration");
    LinePlot.Series bins = plot.series(LinePlot.Style.MARKER).get(0);
    assertThat(bins.x()).containsExactly(new double[] {(0.05 + 0.08) / 2, 0.15, 0.92}, within(1e-6));
    assertThat(bins.y()).containsExactly(0.5, 0.0, 1.0);
    assertThat(plot.caption()).contains("rows per bin [2, 1, 2]");
    assertThat(plot.series("perfectly calibrated")).isPresent();
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) out[i] = v[i];
    return out;
  }

  /** compare: one ROC and one calibration plot per binary task with a line per model; regression of the first model. */
  @Test
  void severalModelsShareTheBinaryPlotsAndTheFirstModelsRegressionPlots() {
    float[] y = {0, 1, 0, 1, 1, 0};
    Map<String, List<Predictions>> byModel = new java.util.LinkedHashMap<>();
    byModel.put("mmoe", List.of(new Predictions("click", Predictions.Kind.BINARY, new float[] {.1f, .9f, .2f, .8f, .7f, .3f}, y),
        new Predictions("price", Predictions.Kind.REGRESSION, new float[] {1, 2}, new float[] {1, 3})));
    byModel.put("single-task", List.of(new Predictions("click", Predictions.Kind.BINARY, new float[] {.6f, .4f, .2f, .8f, .7f, .3f}, y),
        new Predictions("price", Predictions.Kind.REGRESSION, new float[] {5, 5}, new float[] {1, 3})));
    Map<String, LinePlot> plots = new Report("c").testPlots("test", byModel, "test").plots().stream()
        .map(LinePlot.class::cast).collect(Collectors.toMap(LinePlot::title, Function.identity()));
    assertThat(plots).containsOnlyKeys("click: ROC", "click: precision-recall", "click: calibration",
        "price: predicted vs actual — mmoe", "price: residuals — mmoe");
    assertThat(plots.get("click: ROC").series(LinePlot.Style.LINE)).extracting(LinePlot.Series::name)
        .containsExactly("mmoe, AUC 1.0000", "single-task, AUC 0.8889"); // 8 of 9 positive-negative pairs in order
    assertThat(plots.get("click: calibration").series(LinePlot.Style.MARKER)).extracting(LinePlot.Series::group)
        .containsExactly(0, 1);
    assertThat(plots.get("price: residuals — mmoe").series(LinePlot.Style.POINTS).get(0).y()).containsExactly(0, 1);
  }
}
