package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code compare} lists classical formulations beside deep architectures: one split, one table, one Δm% baseline. */
class CompareClassicalTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @TempDir Path dir;

  private static final String CONFIG = ClassicalTrainPredictEvaluateTest.REGRESSION_DATA + """
      classical:
        models:
          - {name: ridge, formulation: ridge, options: {lambda: 0.01}}
          - {name: low-rank, formulation: trace, options: {lambda: [0.01, 1]}}
      training: {epochs: 2, batchSize: 32, threads: 1, seed: 1}
      compare: {seeds: 2, models: [{name: single-task, options: {hidden: [4]}}]}
      """;

  @Test
  @SuppressWarnings("unchecked")
  void classicalModelsShareTheTableTheSplitAndTheDeltaMBaseline() throws IOException {
    Path config = CliFixture.write(dir, ClassicalTrainPredictEvaluateTest.regressionCsv(160, 2), CONFIG);
    Path out = dir.resolve("cmp");
    CliFixture.Result r = CliFixture.run("compare", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> csv = Files.readAllLines(out.resolve("comparison.csv"));
    for (String model : List.of("single-task", "ridge", "low-rank")) {
      assertThat(csv.stream().filter(l -> l.startsWith(model + ",") && l.contains(",average,rmse,")).count())
          .as(model).isEqualTo(2);
    }
    Map<String, Object> metrics = JSON.readValue(out.resolve("metrics.json").toFile(), Map.class);
    Map<String, Object> deltaM = (Map<String, Object>) metrics.get("deltaMPercentVssingle-task");
    assertThat(deltaM).containsKeys("ridge", "low-rank");
    // Two epochs of a tiny network against exact linear fits of linear targets: the classical models are better.
    assertThat(((Number) ((Map<String, Object>) deltaM.get("ridge")).get("mean")).doubleValue()).isPositive();
    assertThat(Files.readString(out.resolve("report.html"))).contains("ridge", "low-rank");

    // models/ridge.mtl4j is the seed-1 fit: evaluate reproduces its test rmse on the seed-1 split.
    Path eval = dir.resolve("eval.json");
    CliFixture.Result e = CliFixture.run("evaluate", "--model", out.resolve("models/ridge.mtl4j").toString(),
        "--config", config.toString(), "--data-dir", dir.toString(), "--out", eval.toString());
    assertThat(e.code()).as(e.err()).isZero();
    double again = ((Number) ((Map<String, Object>) ((Map<String, Object>) JSON.readValue(eval.toFile(), Map.class)
        .get("test")).get("average")).get("rmse")).doubleValue();
    String seed1 = csv.stream().filter(l -> l.startsWith("ridge,1,average,rmse,")).findFirst().orElseThrow();
    assertThat(again).isCloseTo(Double.parseDouble(seed1.substring(seed1.lastIndexOf(',') + 1)),
        org.assertj.core.data.Offset.offset(1e-6)); // the CSV holds six decimals
  }

  @Test
  void aClassicalEntryThatCannotServeATaskStopsCompareBeforeTraining() throws IOException {
    Path config = CliFixture.write(dir, ClassicalTrainPredictEvaluateTest.regressionCsv(80, 3),
        CONFIG.replace("formulation: ridge, options: {lambda: 0.01}", "formulation: mt-svm"));
    Path out = dir.resolve("cmp");
    CliFixture.Result r = CliFixture.run("compare", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("classical.models[0].formulation 'mt-svm' is a classifier");
    assertThat(out).doesNotExist();
  }
}
