package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {
  private static final Evaluation E = Evaluation.builder()
      .add("ctr", "auc", 0.70, true).add("ctr", "logloss", 0.44, false)
      .add("cvr", "auc", 0.60, true)
      .add("price", "rmse", 2.0, false).build();

  @Test
  void keepsTasksAndMetricsInInsertionOrder() {
    assertThat(E.tasks()).containsExactly("ctr", "cvr", "price");
    assertThat(E.metrics("ctr")).containsExactly("auc", "logloss");
    assertThat(E.metricNames()).containsExactly("auc", "logloss", "rmse");
    assertThat(E.value("price", "rmse")).isEqualTo(2.0);
  }

  @Test
  void averagesAMetricOverTheTasksThatHaveIt() {
    assertThat(E.average("auc")).isCloseTo(0.65, within(1e-15));
    assertThat(E.average("logloss")).isEqualTo(0.44);
    assertThat(E.average("r2")).isNaN();
  }

  @Test
  void meanPrimaryScoreNegatesLowerIsBetterMetrics() {
    assertThat(E.meanPrimaryScore()).isCloseTo((0.70 + 0.60 - 2.0) / 3, within(1e-15));
  }

  @Test
  void auxiliaryTasksKeepTheirScoresButCountInNoAverage() {
    Evaluation e = Evaluation.builder().add("ctr", "auc", 0.70, true).add("cvr", "auc", 0.60, true)
        .add("recon", "auc", 0.10, true).add("recon", "mse", 3.0, false).auxiliary("recon").build();
    assertThat(e.tasks()).containsExactly("ctr", "cvr", "recon");
    assertThat(e.mainTasks()).containsExactly("ctr", "cvr");
    assertThat(e.value("recon", "mse")).isEqualTo(3.0);
    assertThat(e.average("auc")).isCloseTo(0.65, within(1e-15));
    assertThat(e.average("mse")).isNaN();
    assertThat(e.meanPrimaryScore()).isCloseTo(0.65, within(1e-15));
    assertThat(e.toString()).contains("recon (auxiliary): auc=0.1000 mse=3.0000");
  }

  @Test
  void theMeanOverRunsKeepsTheAuxiliaryMark() {
    Evaluation run = Evaluation.builder().add("t", "auc", 0.7, true).add("recon", "mse", 1.0, false)
        .auxiliary("recon").build();
    Evaluation mean = Evaluation.mean(List.of(run, run));
    assertThat(mean.isAuxiliary("recon")).isTrue();
    assertThat(mean).isEqualTo(run);
    assertThat(mean).isNotEqualTo(Evaluation.builder().add("t", "auc", 0.7, true).add("recon", "mse", 1.0, false)
        .build());
  }

  @Test
  void rejectsDuplicateCellsAndUnknownLookups() {
    assertThatThrownBy(() -> Evaluation.builder().add("t", "auc", 1, true).add("t", "auc", 2, true))
        .hasMessage("Evaluation: task 't' already has a value for auc");
    assertThatThrownBy(() -> E.value("cvr", "logloss"))
        .hasMessage("Evaluation: task 'cvr' has no logloss; it has [auc]");
  }

  @Test
  void printsOneLinePerTask() {
    assertThat(E.toString()).isEqualTo("ctr: auc=0.7000 logloss=0.4400\ncvr: auc=0.6000\nprice: rmse=2.0000\n");
  }

  @Test
  void evaluatorStreamsTasksIntoAnEvaluation() {
    Map<String, List<Metric>> metrics = new LinkedHashMap<>();
    metrics.put("click", Metrics.defaults(LabelKind.BINARY));
    metrics.put("price", List.of(Metrics.byName("mae", LabelKind.REGRESSION)));
    Evaluator evaluator = new Evaluator(metrics);
    evaluator.add("click", new float[] {0.9f, 0.2f}, new float[] {1, 0}, null, 2, 1);
    evaluator.add("click", new float[] {0.4f}, new float[] {1}, null, 1, 1);
    evaluator.add("price", new float[] {1, 5}, new float[] {2, 5}, new float[] {1, 0}, 2, 1);
    Evaluation e = evaluator.result();
    assertThat(e.metrics("click")).containsExactly("auc", "accuracy", "logloss");
    assertThat(e.value("click", "auc")).isEqualTo(1.0); // positives 0.9, 0.4 both above the negative 0.2
    assertThat(e.value("click", "accuracy")).isCloseTo(2 / 3.0, within(1e-15));
    assertThat(e.value("price", "mae")).isEqualTo(1.0);
    assertThatThrownBy(() -> evaluator.add("cvr", new float[1], new float[1], null, 1, 1))
        .hasMessage("Evaluator: unknown task 'cvr'; tasks: [click, price]");
  }
}
