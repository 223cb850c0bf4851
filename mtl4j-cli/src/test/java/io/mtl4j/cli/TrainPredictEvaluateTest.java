package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class TrainPredictEvaluateTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void trainWritesOutputsPredictWritesOneRowPerInputAndEvaluateReproducesTestMetrics() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(600, 3), CliFixture.CONFIG);
    Path out = dir.resolve("out");
    CliFixture.Result train = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out", out.toString());
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(out.resolve("model.mtl4j")).exists();
    assertThat(Files.readString(out.resolve("report.html"))).contains("<img", "ROC", "first");
    Map<String, Object> metrics = JsonMapper.builder().build().readValue(out.resolve("metrics.json").toFile(), Map.class);
    double auc = ((Number) ((Map<String, Object>) ((Map<String, Object>) metrics.get("test")).get("first")).get("auc")).doubleValue();
    assertThat(auc).isGreaterThan(0.8);

    Files.writeString(dir.resolve("new.csv"), "x1,x2,colour\n1.0,1.0,red\n-2.0,-1.0,blue\n");
    Path predictions = dir.resolve("pred.csv");
    CliFixture.Result predict = CliFixture.run("predict", "--model", out.resolve("model.mtl4j").toString(),
        "--input", dir.resolve("new.csv").toString(), "--output", predictions.toString());
    assertThat(predict.code()).as(predict.err()).isZero();
    List<String> lines = Files.readAllLines(predictions);
    assertThat(lines.get(0)).isEqualTo("row,first_prediction,first_probability,second_prediction,second_probability");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith("1,1,");
    assertThat(lines.get(2)).startsWith("2,0,");

    Path evalOut = dir.resolve("eval.json");
    CliFixture.Result eval = CliFixture.run("evaluate", "--model", out.resolve("model.mtl4j").toString(), "--config",
        config.toString(), "--data-dir", dir.toString(), "--out", evalOut.toString());
    assertThat(eval.code()).as(eval.err()).isZero();
    Map<String, Object> again = JsonMapper.builder().build().readValue(evalOut.toFile(), Map.class);
    double auc2 = ((Number) ((Map<String, Object>) ((Map<String, Object>) again.get("test")).get("first")).get("auc")).doubleValue();
    assertThat(auc2).isCloseTo(auc, within(1e-9));
  }

  @Test
  @SuppressWarnings("unchecked")
  void trainWritesThePerEpochMeanTaskWeightsAndPlotsThem() throws IOException {
    String fixed = CliFixture.CONFIG.replace("optimizer:", "weighting: {name: fixed, options: {weights: [0.25, 2.0]}}\n"
        + "optimizer:");
    Path config = CliFixture.write(dir, CliFixture.csv(300, 5), fixed);
    Path out = dir.resolve("weights");
    CliFixture.Result train = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(train.code()).as(train.err()).isZero();
    Map<String, Object> metrics = JsonMapper.builder().build().readValue(out.resolve("metrics.json").toFile(), Map.class);
    List<Map<String, Object>> history = (List<Map<String, Object>>) ((Map<String, Object>) metrics.get("training"))
        .get("history");
    assertThat(history).hasSize(3);
    for (Map<String, Object> epoch : history) {
      // FixedWeights applies the same weights in every step, so each epoch's mean is exactly them.
      assertThat((Map<String, Object>) epoch.get("taskWeights")).containsExactly(Map.entry("first", 0.25),
          Map.entry("second", 2.0));
    }
    assertThat(Files.readString(out.resolve("report.html"))).contains("<img alt=\"task weights\"");
  }

  @Test
  void compareWritesOneCsvRowPerMeasurementWithAverages() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(300, 4), CliFixture.CONFIG);
    Path out = dir.resolve("cmp");
    CliFixture.Result r = CliFixture.run("compare", "--config", config.toString(), "--data-dir", dir.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> rows = Files.readAllLines(out.resolve("comparison.csv"));
    assertThat(rows.get(0)).isEqualTo("model,seed,task,metric,value");
    // 2 models × 2 seeds × (first: auc, logloss; second: auc; average: auc, logloss)
    assertThat(rows).hasSize(1 + 2 * 2 * 5);
    assertThat(rows).anyMatch(l -> l.startsWith("mmoe,2,average,auc,"));
    assertThat(rows).anyMatch(l -> l.startsWith("single-task,1,first,logloss,"));
    assertThat(Files.readString(out.resolve("report.html"))).contains("mean ± std", "single-task");
  }

  @Test
  void compareCrossesArchitecturesWithWeightingsOnTheCommandLine() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(300, 5), CliFixture.CONFIG);
    Path out = dir.resolve("cmpw");
    CliFixture.Result r = CliFixture.run("compare", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        out.toString(), "--models", "shared-bottom,mmoe", "--weightings", "ew,pcgrad", "--seeds", "1");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> models = Files.readAllLines(out.resolve("comparison.csv")).stream().skip(1).map(l -> l.split(",")[0]).distinct().toList();
    assertThat(models).containsExactly("shared-bottom+ew", "shared-bottom+pcgrad", "mmoe+ew", "mmoe+pcgrad");
  }
}
