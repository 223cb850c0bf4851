package io.mtl4j.cli;

import io.mtl4j.cli.run.ModelStore;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.TargetScaling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Regression through the CLI: targets far from 0 and 1 train standardised, and come back in their own units. */
class RegressionTrainingTest {
  @TempDir Path dir;

  /** y = 1000 + 100 (x1 + x2 / 2) + N(0, 10²): mean 1000, std ≈ 112, so raw targets are far from a network's scale. */
  private static String rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("x1,x2,y\n");
    for (int i = 0; i < n; i++) {
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%.3f%n", x1, x2, 1000 + 100 * (x1 + x2 / 2) + 10 * r.nextGaussian()));
    }
    return sb.toString();
  }

  private static String config(String standardise, int epochs) {
    return """
        data: {train: data.csv, split: {method: random, valid: 0.2, test: 0.2}}
        tasks:
          - {name: y, type: regression, column: y, metrics: [rmse, mae]%s}
        architecture: {name: shared-bottom, options: {hidden: [16]}, head: {hidden: [8]}}
        optimizer: {name: adam, options: {learningRate: 0.01}}
        training: {epochs: %d, batchSize: 32, threads: 1, seed: 1, patience: 0}
        """.formatted(standardise, epochs);
  }

  private CliFixture.Result train(String config, String out) throws IOException {
    Path c = CliFixture.write(dir, rows(400, 5), config);
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", dir.resolve(out).toString());
  }

  @SuppressWarnings("unchecked")
  private double testRmse(String out) throws IOException {
    Map<String, Object> m = JsonMapper.builder().build().readValue(dir.resolve(out).resolve("metrics.json").toFile(), Map.class);
    return ((Number) ((Map<String, Object>) ((Map<String, Object>) m.get("test")).get("y")).get("rmse")).doubleValue();
  }

  @Test
  void regressionTargetsTrainStandardisedAndPredictInTheirOwnUnits() throws IOException {
    CliFixture.Result r = train(config("", 40), "out");
    assertThat(r.code()).as(r.err()).isZero();
    // The noise alone has RMSE 10 and the target's std is ≈ 112; metrics are in y's units, not standardised ones.
    assertThat(testRmse("out")).isBetween(5.0, 30.0);
    LabelEncoder label = ModelStore.load(dir.resolve("out/model.mtl4j")).preprocessing().labels().get(0);
    TargetScaling s = label.scaling();
    assertThat(s).isNotNull();
    assertThat(s.mean()).isCloseTo(1000, within(20.0));
    assertThat(s.std()).isBetween(90.0, 135.0);

    // evaluate re-makes the split and reads the saved standardisation: the same test metrics, in y's units
    Files.createDirectories(dir.resolve("eval"));
    CliFixture.Result e = CliFixture.run("evaluate", "--model", dir.resolve("out/model.mtl4j").toString(), "--config",
        dir.resolve("config.yaml").toString(), "--data-dir", dir.toString(), "--out", dir.resolve("eval/metrics.json").toString());
    assertThat(e.code()).as(e.err()).isZero();
    assertThat(testRmse("eval")).isCloseTo(testRmse("out"), within(1e-9));

    Files.writeString(dir.resolve("new.csv"), "x1,x2\n0,0\n1,0\n");
    CliFixture.Result p = CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(),
        "--input", dir.resolve("new.csv").toString(), "--output", dir.resolve("pred.csv").toString());
    assertThat(p.code()).as(p.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("pred.csv"));
    assertThat(Double.parseDouble(lines.get(1).split(",")[1])).isCloseTo(1000, within(30.0));
    assertThat(Double.parseDouble(lines.get(2).split(",")[1])).isCloseTo(1100, within(30.0));
  }

  @Test
  void standardiseFalseTrainsOnTheRawTargets() throws IOException {
    CliFixture.Result raw = train(config(", standardise: false", 40), "raw");
    assertThat(raw.code()).as(raw.err()).isZero();
    assertThat(ModelStore.load(dir.resolve("raw/model.mtl4j")).preprocessing().labels().get(0).scaling()).isNull();
    CliFixture.Result standardised = train(config("", 40), "std");
    assertThat(standardised.code()).as(standardised.err()).isZero();
    assertThat(testRmse("raw")).isGreaterThan(3 * testRmse("std"));
  }

  @Test
  void warnsWhenTheRunEndsWhileStillImproving() throws IOException {
    Path c = CliFixture.write(dir, rows(400, 5), config("", 3));
    CliRunner.Result r = CliRunner.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("short").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("warning: training has probably not converged", "raise training.epochs (3)");
  }

  @Test
  void standardiseOnAClassificationTaskIsAConfigError() throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(50, 1), CliFixture.CONFIG.replace("positive: [\"yes\"],",
        "positive: [\"yes\"], standardise: true,"));
    CliFixture.Result r = CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("x").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("tasks.first.standardise applies to regression tasks only");
  }
}
