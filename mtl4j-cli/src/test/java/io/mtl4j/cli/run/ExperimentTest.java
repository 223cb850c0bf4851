package io.mtl4j.cli.run;

import io.mtl4j.cli.CliFixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.data.Split;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What a config's data section turns into: splits that keep every group of the split column in one part. */
class ExperimentTest {
  @TempDir Path dir;

  /**
   * Patients {@code from..to-1}, 6 rows each, alternately of task {@code up} and {@code down} (so that a patient's
   * rows reach both tasks of a multi-input config); y is binary, 1 on a third of the rows.
   */
  private static String rows(int from, int to, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("x1,x2,patient,task,y\n");
    for (int p = from; p < to; p++) {
      for (int i = 0; i < 6; i++) {
        sb.append(String.format(Locale.ROOT, "%.4f,%.4f,p%d,%s,%d%n", r.nextGaussian(), r.nextGaussian(), p,
            i % 2 == 0 ? "up" : "down", i % 3 == 0 ? 1 : 0));
      }
    }
    return sb.toString();
  }

  private Path config(String split, boolean testFile, boolean multiInput) throws IOException {
    Files.writeString(dir.resolve("train.csv"), rows(0, 40, 1));
    Files.writeString(dir.resolve("test.csv"), rows(40, 50, 2));
    String yaml = "data:\n  train: train.csv\n" + (testFile ? "  test: test.csv\n" : "")
        + (multiInput ? "  taskColumn: task\n" : "") + "  split: " + split + "\n"
        + "features: {drop: [patient" + (multiInput ? "" : ", task") + "]}\n"
        + "tasks:\n  - {name: up, type: binary, column: y}\n  - {name: down, type: binary, column: y}\n";
    Path c = dir.resolve("config.yaml");
    Files.writeString(c, yaml);
    return c;
  }

  private Split split(Path config, long seed) {
    return Experiment.load(ConfigLoader.load(config), dir).prepare(seed).split;
  }

  static Stream<Arguments> groupedCombinations() {
    return Stream.of("{method: group, column: patient, valid: 0.2, test: 0.2}",
            "{method: kfold, column: patient, folds: 5, fold: 2, valid: 0.25}")
        .flatMap(s -> Stream.of(true, false).flatMap(t -> Stream.of(true, false).map(m -> Arguments.of(s, t, m))));
  }

  @ParameterizedTest(name = "{0}, test file {1}, multi-input {2}")
  @MethodSource("groupedCombinations")
  void noPatientCrossesTrainValidAndTest(String split, boolean testFile, boolean multiInput) throws IOException {
    Path c = config(split, testFile, multiInput);
    if (split.contains("kfold") && testFile) {
      assertThatThrownBy(() -> split(c, 3)).hasMessageContaining("kfold makes its own test fold");
      return;
    }
    for (long seed = 1; seed <= 3; seed++) {
      Experiment.Loaded loaded = Experiment.load(ConfigLoader.load(c), dir);
      Split s = loaded.prepare(seed).split;
      assertThat(s.valid()).as("validation rows").isNotEmpty();
      assertThat(s.test()).as("test rows").isNotEmpty();
      Map<String, Integer> partOf = new HashMap<>();
      Table t = loaded.table();
      int col = t.indexOf("patient");
      int[][] parts = {s.train(), s.valid(), s.test()};
      for (int p = 0; p < 3; p++) {
        for (int r : parts[p]) {
          String patient = t.values(col).get(t.code(col, r));
          Integer before = partOf.put(patient, p);
          assertThat(before == null || before == p).as("seed %d: %s in parts %s and %d", seed, patient, before, p).isTrue();
        }
      }
    }
  }

  @Test
  void stratifiedValidationFromATestFileKeepsTheLabelRate() throws IOException {
    Split s = split(config("{method: stratified, column: y, valid: 0.25}", true, false), 4);
    // 240 training rows, 80 with y = 1: a quarter of each stratum is 60 rows, 20 of them positive.
    Table t = Experiment.load(ConfigLoader.load(dir.resolve("config.yaml")), dir).table();
    int col = t.indexOf("y");
    long positives = java.util.Arrays.stream(s.valid()).filter(r -> t.values(col).get(t.code(col, r)).equals("1")).count();
    assertThat(s.valid()).hasSize(60);
    assertThat(positives).isEqualTo(20);
    assertThat(s.test()).hasSize(60);
  }

  @Test
  void multiInputRegressionTasksOfOneColumnShareOneScale() throws IOException {
    Path c = config("{method: group, column: patient, valid: 0.2, test: 0.2}", false, true);
    Files.writeString(c, Files.readString(c).replace("type: binary", "type: regression"));
    Experiment e = Experiment.load(ConfigLoader.load(c), dir).prepare(1);
    // Standardising must not re-weight tasks that share a label column: one mean and std over all training rows.
    assertThat(e.preprocessing.labels().get(0).scaling()).isNotNull()
        .isEqualTo(e.preprocessing.labels().get(1).scaling());
  }

  @Test
  void trainRefusesAnUnknownSplitColumnNamingTheKeyAndTheColumns() throws IOException {
    Path c = config("{method: group, column: nosuchcol, valid: 0.2}", true, false);
    CliFixture.Result r = CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("data.split.column", "'nosuchcol'", "[x1, x2, patient, task, y]");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void trainRefusesAPatientInBothTheTrainingAndTheTestFile() throws IOException {
    Path c = config("{method: group, column: patient, valid: 0.2}", true, false);
    Files.writeString(dir.resolve("test.csv"), rows(38, 45, 2));
    CliFixture.Result r = CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("group 'p38'", "in both the training and the test rows");
  }
}
