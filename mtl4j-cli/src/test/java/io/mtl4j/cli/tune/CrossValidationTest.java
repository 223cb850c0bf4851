package io.mtl4j.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.ConfigTree;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.data.Split;
import io.mtl4j.data.Table;
import io.mtl4j.metrics.Evaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code data.split.crossValidate}: every fold trained and tested, results per fold and as mean ± std. */
class CrossValidationTest {
  private static final String GROUPED = "split: {method: kfold, column: g, folds: 4, valid: 0.25, crossValidate: true}";

  @TempDir Path dir;

  /** {@link CliFixture#csv} with a group column g: 15 groups of {@code rows / 15} consecutive rows. */
  private static String grouped(int rows, long seed) {
    String[] lines = CliFixture.csv(rows, seed).split("\n");
    StringBuilder sb = new StringBuilder(lines[0]).append(",g\n");
    for (int i = 1; i < lines.length; i++) sb.append(lines[i]).append(",p").append((i - 1) / (rows / 15)).append('\n');
    return sb.toString();
  }

  private Path write(String split) throws IOException {
    return CliFixture.write(dir, grouped(300, 1), CliFixture.CONFIG.replace("split: {method: random, valid: 0.2, test: 0.2}", split));
  }

  private CliRunner.Result train(Path config) {
    return CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString(), "--quiet");
  }

  @Test
  void aggregatesAreTheMeanAndSampleStdOfTheFolds() {
    List<Evaluation> folds = List.of(eval(0.6, 2.0), eval(0.7, 4.0), eval(0.95, 3.0));
    Map<String, Object> a = CrossValidation.aggregate(folds);
    Map<?, ?> auc = (Map<?, ?>) ((Map<?, ?>) a.get("first")).get("auc");
    assertThat((double) auc.get("mean")).isCloseTo(0.75, within(1e-12));
    // ((0.6 − 0.75)² + (0.7 − 0.75)² + (0.95 − 0.75)²) / (3 − 1) = 0.0325
    assertThat((double) auc.get("std")).isCloseTo(Math.sqrt(0.0325), within(1e-12));
    assertThat(auc.get("values")).isEqualTo(List.of(0.6, 0.7, 0.95));
    Map<?, ?> rmse = (Map<?, ?>) ((Map<?, ?>) a.get("average")).get("rmse");
    assertThat((double) rmse.get("mean")).isCloseTo(3.0, within(1e-12));
    assertThat((double) rmse.get("std")).isCloseTo(1.0, within(1e-12));
  }

  private static Evaluation eval(double auc, double rmse) {
    return Evaluation.builder().add("first", "auc", auc, true).add("second", "rmse", rmse, false).build();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void testFoldsPartitionTheRowsAndNoGroupCrossesAnyTwoParts(long seed) throws IOException {
    Path config = write(GROUPED);
    RunConfig cfg = ConfigLoader.load(config);
    Experiment.Loaded loaded = Experiment.load(cfg, dir);
    Table t = loaded.table();
    int g = t.names().indexOf("g");
    int[] testFoldOfRow = new int[t.rows()];
    Arrays.fill(testFoldOfRow, -1);
    Map<Integer, Integer> testFoldOfGroup = new HashMap<>();
    for (int k = 0; k < CrossValidation.folds(cfg); k++) {
      Split s = CrossValidation.fold(ConfigTree.read(config), loaded, k).prepare(seed).split;
      Map<Integer, Integer> partOfGroup = new HashMap<>();
      int[][] parts = {s.train(), s.valid(), s.test()};
      for (int p = 0; p < 3; p++) {
        for (int r : parts[p]) {
          int part = p;
          assertThat(partOfGroup.merge(t.code(g, r), p, (a, b) -> a.equals(b) ? a : -1)).as("group of row %d", r).isEqualTo(part);
        }
      }
      for (int r : s.test()) {
        assertThat(testFoldOfRow[r]).as("row %d tested twice", r).isEqualTo(-1);
        testFoldOfRow[r] = k;
        assertThat(testFoldOfGroup.merge(t.code(g, r), k, (a, b) -> a.equals(b) ? a : -1)).isEqualTo(k);
      }
      assertThat(s.valid()).isNotEmpty();
    }
    assertThat(testFoldOfRow).doesNotContain(-1);
  }

  @Test
  void multiInputFoldsPartitionEveryTasksRows() throws IOException {
    // Rows alternate between task a (label y1) and task b (label y2), named by column t.
    String[] lines = CliFixture.csv(240, 4).split("\n");
    StringBuilder data = new StringBuilder(lines[0]).append(",t\n");
    for (int i = 1; i < lines.length; i++) data.append(lines[i]).append(i % 2 == 0 ? ",a\n" : ",b\n");
    String config = CliFixture.CONFIG.replace("split: {method: random, valid: 0.2, test: 0.2}",
            "taskColumn: t\n  split: {method: kfold, folds: 3, valid: 0.25, crossValidate: true}")
        .replace("metrics: [auc, logloss]}", "metrics: [auc, logloss], values: [a]}").replace("metrics: [auc]}", "metrics: [auc], values: [b]}")
        .replace("name: first", "name: a").replace("name: second", "name: b");
    Path file = CliFixture.write(dir, data.toString(), config);
    RunConfig cfg = ConfigLoader.load(file);
    Experiment.Loaded loaded = Experiment.load(cfg, dir);
    int[] tested = new int[loaded.table().rows()];
    for (int k = 0; k < 3; k++) {
      for (int r : CrossValidation.fold(ConfigTree.read(file), loaded, k).prepare(1).split.test()) tested[r]++;
    }
    assertThat(tested).containsOnly(1);
    CliRunner.Result r = train(file);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat((List<?>) TunerTest.json(dir.resolve("out").resolve("metrics.json")).get("folds")).hasSize(3);
  }

  @Test
  @SuppressWarnings("unchecked")
  void crossValidatedTrainWritesEveryFoldAndTheirMeanWithTuningInsideEachFold() throws IOException {
    Path config = write(GROUPED);
    Files.writeString(config, Files.readString(config) + TunerTest.GRID);
    CliRunner.Result r = train(config);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Path out = dir.resolve("out");
    Map<String, Object> metrics = TunerTest.json(out.resolve("metrics.json"));
    List<Map<String, Object>> folds = (List<Map<String, Object>>) metrics.get("folds");
    assertThat(folds).hasSize(4);
    List<Double> perFold = folds.stream().map(f -> ((Number) ((Map<String, Object>) ((Map<String, Object>) f.get("test"))
        .get("first")).get("auc")).doubleValue()).toList();
    Map<String, Object> auc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) metrics.get("test"))
        .get("first")).get("auc");
    double mean = (perFold.get(0) + perFold.get(1) + perFold.get(2) + perFold.get(3)) / 4;
    assertThat(((Number) auc.get("mean")).doubleValue()).isCloseTo(mean, within(1e-12));
    assertThat(auc.get("values")).isEqualTo(perFold);
    int rows = folds.stream().mapToInt(f -> (Integer) ((Map<String, Object>) f.get("rows")).get("test")).sum();
    assertThat(rows).isEqualTo(300);
    // Each fold searched on its own validation rows: one search per fold, its choice in the fold's results.
    List<Map<String, Object>> searches = (List<Map<String, Object>>) TunerTest.json(out.resolve("tuning.json")).get("searches");
    assertThat(searches).hasSize(4);
    IntStream.range(0, 4).forEach(k -> {
      assertThat(searches.get(k).get("model")).isEqualTo("mmoe, fold " + (k + 1));
      assertThat(folds.get(k).get("tunedValues")).isEqualTo(searches.get(k).get("bestValues"));
    });
    assertThat(out.resolve("model.mtl4j")).doesNotExist();
    assertThat(Files.readString(out.resolve("report.html"))).contains("mean ± std over 4 folds");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      split: {method: group, column: g, crossValidate: true}          | crossValidate needs data.split.method kfold
      split: {method: kfold, folds: 4, fold: 1, crossValidate: true}  | leave out data.split.fold = 1
      """)
  void crossValidationSettingsThatCannotWorkAreExit2(String split, String message) throws IOException {
    CliRunner.Result r = train(write(split));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
