package io.mtl4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.metrics.Evaluation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code compare}'s charts: per metric, each model's mean and seed spread per task; Δm% per model. */
class ComparisonPlotsTest {
  private static Evaluation eval(double aucA, double aucB, double loglossA) {
    return Evaluation.builder().add("a", "auc", aucA, true).add("a", "logloss", loglossA, false)
        .add("b", "auc", aucB, true).build();
  }

  @Test
  void barsGiveEachModelsMeanAndStandardDeviationOverSeedsPerTaskAndMetric() {
    Map<String, List<Evaluation>> runs = new LinkedHashMap<>();
    runs.put("single-task", List.of(eval(0.80, 0.70, 0.5), eval(0.82, 0.74, 0.4)));
    runs.put("mmoe", List.of(eval(0.90, 0.60, 0.3), eval(0.86, 0.62, 0.3)));
    List<Plot> plots = new Report("c").comparisonPlots(runs).plots();
    assertThat(plots).extracting(Plot::title).containsExactly("test auc per task (mean ± std over 2 seeds)",
        "test logloss per task (mean ± std over 2 seeds)");
    BarPlot auc = (BarPlot) plots.get(0);
    assertThat(auc.categories()).containsExactly("a", "b");
    assertThat(auc.mean("mmoe", "a")).isCloseTo(0.88, within(1e-12));
    assertThat(auc.spread("mmoe", "a")).isCloseTo(Math.sqrt(2 * 0.02 * 0.02), within(1e-12));
    assertThat(auc.mean("single-task", "b")).isCloseTo(0.72, within(1e-12));
    assertThat(auc.caption()).contains("higher is better", "standard deviation over 2 seeds");
    assertThat(((BarPlot) plots.get(1)).categories()).containsExactly("a");
    assertThat(plots.get(1).caption()).contains("lower is better");
  }

  @Test
  void oneSeedHasNoSpreadAndSaysSo() {
    Plot p = new Report("c").comparisonPlots(Map.of("mmoe", List.of(eval(0.9, 0.6, 0.3)))).plots().get(0);
    assertThat(p.title()).isEqualTo("test auc per task (one seed)");
    assertThat(p.caption()).contains("no error bars").doesNotContain("±");
  }

  @Test
  void deltaMChartIsExplainedInItsCaption() {
    Plot p = new Report("c").deltaMPlot("single-task", Map.of("mmoe", List.of(1.5, 2.5)), "Δm% means this").plots().get(0);
    assertThat(p.title()).isEqualTo("Δm% vs single-task (mean ± std over 2 seeds)");
    assertThat(((BarPlot) p).mean("Δm% vs single-task", "mmoe")).isEqualTo(2.0);
    assertThat(p.caption()).startsWith("Δm% means this");
  }
}
