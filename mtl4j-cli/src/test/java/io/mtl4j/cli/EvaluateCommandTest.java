package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtl4j evaluate}: outputs as safe as train's and predict's; rows no metric can score are counted, not hidden. */
class EvaluateCommandTest {
  @TempDir Path dir;

  /** A binary task and a multiclass task on 'colour' (not an input); the test file has 7 rows of a new colour. */
  private static final String CONFIG = """
      data:
        train: data.csv
        test: test.csv
      features: {drop: [colour]}
      tasks:
        - {name: first, type: binary, column: y1, positive: ["yes"], metrics: [auc]}
        - {name: colour, type: multiclass, column: colour, metrics: [accuracy]}
      architecture: {name: shared-bottom, options: {hidden: [8]}, head: {hidden: [4]}}
      optimizer: {name: adam, options: {learningRate: 0.01}}
      training: {epochs: 2, batchSize: 64, threads: 1, seed: 1, patience: 0}
      """;

  private Path trainWithAnUnseenColourInTheTestFile(CliRunner.Result[] train) throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 1), CONFIG);
    String test = CliFixture.csv(30, 2);
    for (int i = 0; i < 7; i++) test += "0.5,0.5,purple,yes,0\n";
    Files.writeString(dir.resolve("test.csv"), test);
    train[0] = CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
    assertThat(train[0].exitCode()).as(train[0].err()).isZero();
    return config;
  }

  private CliRunner.Result evaluate(Path config, String... extra) {
    String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("evaluate", "--model",
        dir.resolve("out/model.mtl4j").toString(), "--config", config.toString(), "--data-dir", dir.toString(),
        "--data", dir.resolve("test.csv").toString()), java.util.stream.Stream.of(extra)).toArray(String[]::new);
    return CliRunner.run(args);
  }

  @Test
  void outRefusesToOverwriteAnExistingFileWithoutForce() throws IOException {
    Path config = trainWithAnUnseenColourInTheTestFile(new CliRunner.Result[1]);
    Path json = Files.writeString(dir.resolve("eval.json"), "keep");
    CliRunner.Result refused = evaluate(config, "--out", json.toString());
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--out " + json, "exists", "--force");
    assertThat(json).hasContent("keep");
    CliRunner.Result forced = evaluate(config, "--out", json.toString(), "--force");
    assertThat(forced.exitCode()).as(forced.err()).isZero();
    assertThat(Files.readString(json)).contains("\"command\" : \"evaluate\"");
  }

  @Test
  void multiclassLabelsUnseenInTrainingAreCountedAndReportedNotSilentlyDropped() throws IOException {
    CliRunner.Result[] train = new CliRunner.Result[1];
    Path config = trainWithAnUnseenColourInTheTestFile(train);
    assertThat(train[0].err()).contains("task 'colour': 7 of 37 test rows have classes unseen in training [purple]");
    assertThat(Files.readString(dir.resolve("out/metrics.json")))
        .containsPattern("\"unseenLabels\" : \\{\\s*\"test\" : \\{\\s*\"colour\" : \\{\\s*\"rows\" : 7");

    Path json = dir.resolve("eval.json");
    CliRunner.Result eval = evaluate(config, "--out", json.toString());
    assertThat(eval.exitCode()).as(eval.err()).isZero();
    assertThat(eval.err()).contains("task 'colour': 7 of 37 evaluated rows have classes unseen in training [purple]");
    assertThat(Files.readString(json)).contains("\"unseenLabels\"", "\"purple\"");
  }

  @Test
  void seenLabelsGiveNoWarningAndNoUnseenEntry() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 1), CONFIG);
    Files.writeString(dir.resolve("test.csv"), CliFixture.csv(30, 2));
    CliRunner.Result r = CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("unseen");
    assertThat(Files.readString(dir.resolve("out/metrics.json"))).doesNotContain("unseenLabels");
  }

  /** With {@code data.test} the rows come from that file, not from a seeded split, and the console says so. */
  @Test
  void evaluateNamesTheTestFileInsteadOfASeededSplit() throws IOException {
    Path config = trainWithAnUnseenColourInTheTestFile(new CliRunner.Result[1]);
    CliRunner.Result r = CliRunner.run("evaluate", "--model", dir.resolve("out/model.mtl4j").toString(), "--config",
        config.toString(), "--data-dir", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Metrics on 37 rows of test file test.csv:").doesNotContain("seed-");
  }

  @Test
  void evaluateWithoutATestFileNamesTheSeededSplit() throws IOException {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 1), CliFixture.CONFIG);
    assertThat(CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString(), "--quiet").exitCode()).isZero();
    CliRunner.Result r = CliRunner.run("evaluate", "--model", dir.resolve("out/model.mtl4j").toString(), "--config",
        config.toString(), "--data-dir", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("Metrics on \\d+ test rows of the seed-1 split:");
  }
}
