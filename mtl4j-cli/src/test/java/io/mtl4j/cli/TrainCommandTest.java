package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code mtl4j train} on hostile settings: bounded resources, the whole config checked before OUT exists. */
class TrainCommandTest {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  private CliRunner.Result train(int rows, String config, String... extra) throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(rows, 1), config);
    String[] args = Stream.concat(Stream.of("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        out().toString()), Stream.of(extra)).toArray(String[]::new);
    return CliRunner.run(args);
  }

  @Test
  void threadsAboveTheLimitAreRefusedNamingTheKeyBeforeAnythingIsWritten() throws IOException {
    CliRunner.Result r = train(50, CliFixture.config("threads: 1", "threads: 100000"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("training.threads = 100000, expected at most");
    assertThat(out()).doesNotExist();
  }

  @Test
  void sparkEngineWithoutSparkOnTheClassPathIsRefusedNamingTheJarsBeforeAnythingIsWritten() throws IOException {
    CliRunner.Result r = train(50, CliFixture.CONFIG, "--engine", "spark");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--engine spark: no such engine on the classpath")
        .contains("mtl4j-spark/target/mtl4j-spark-all.jar");
    assertThat(out()).doesNotExist();
  }

  @Test
  void sparkEngineOnAClassicalConfigWithoutSparkOnTheClassPathIsRefusedBeforeAnythingIsWritten() throws IOException {
    CliRunner.Result r = train(50, CliFixture.CONFIG + "classical: {formulation: l21, options: {loss: logistic}}\n",
        "--engine", "spark");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--engine spark: no classical engine of that name on the classpath");
    assertThat(out()).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"--strategy, averaging", "--local-steps, 4"})
  void averagingOptionsOnAClassicalConfigAreRefusedBeforeLookingForSpark(String option, String value) throws IOException {
    CliRunner.Result r = train(50, CliFixture.CONFIG + "classical: {formulation: l21, options: {loss: logistic}}\n",
        "--engine", "spark", option, value);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--strategy and --local-steps apply to networks");
    assertThat(out()).doesNotExist();
  }

  @Test
  void sparkEngineRefusesStreamingAndAsyncTrainingBeforeLookingForSpark() throws IOException {
    CliRunner.Result streamed = train(50, CliFixture.CONFIG, "--engine", "spark", "--stream");
    assertThat(streamed.exitCode()).as(streamed.err()).isEqualTo(2);
    assertThat(streamed.err()).contains("--stream, data.streaming and training.async run on the jvm engine");
    CliRunner.Result async = train(50, CliFixture.config("batchSize: 64", "batchSize: 64, async: true"),
        "--engine", "spark");
    assertThat(async.exitCode()).as(async.err()).isEqualTo(2);
    assertThat(async.err()).contains("training.async run on the jvm engine");
    assertThat(out()).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"--master, local[2]", "--strategy, averaging", "--local-steps, 4"})
  void sparkOptionsWithoutTheSparkEngineAreRefused(String option, String value) throws IOException {
    CliRunner.Result r = train(50, CliFixture.CONFIG, option, value);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("--master, --strategy and --local-steps apply to --engine spark only");
    assertThat(out()).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      --strategy, hogwild                    | --strategy hogwild: expected sync, averaging or barrier
      --local-steps, 4                       | --local-steps applies to --strategy averaging
      --strategy, averaging, --local-steps, 0 | --local-steps 0: expected ≥ 1
      """)
  void badSparkStrategyOptionsAreRefusedByNameBeforeTheDataAreRead(String options, String message) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("--engine", "spark"));
    for (String o : options.split(",")) args.add(o.trim());
    CliRunner.Result r = train(50, CliFixture.CONFIG, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out()).doesNotExist();
  }

  @Test
  void batchFarAboveTheRowCountTrainsAsOneBatchOfAllTrainingRows() throws IOException {
    // 180 rows split 60/20/20: 108 training rows.
    CliRunner.Result huge = train(180, CliFixture.config("batchSize: 64", "batchSize: 2147483647"));
    assertThat(huge.exitCode()).as(huge.err()).isZero();
    Path hugeModel = Files.move(out().resolve("model.mtl4j"), dir.resolve("huge.mtl4j"));
    CliRunner.Result all = train(180, CliFixture.config("batchSize: 64", "batchSize: 108"), "--force");
    assertThat(all.exitCode()).as(all.err()).isZero();
    assertThat(LifecycleCommandsTest.tensorChecksums(hugeModel)).isNotEmpty()
        .isEqualTo(LifecycleCommandsTest.tensorChecksums(out().resolve("model.mtl4j")));
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', textBlock = """
      optimizer: {name: adam,                                 | weighting: {name: pcgard}\\noptimizer: {name: adam, | unknown weighting 'pcgard'; known: [
      optimizer: {name: adam,                                 | weighting: {name: dwa, options: {temp: 2}}\\noptimizer: {name: adam, | weighting.options: unknown option 'temp'; known: [temperature]
      optimizer: {name: adam,                                 | optimizer: {name: adma,                           | unknown optimizer 'adma'; known: [
      options: {learningRate: 0.01}}                          | options: {learningRate: 0.01, momentum: 0.9}}     | optimizer.options: unknown option 'momentum'; known: [
      metrics: [auc, logloss]                                 | metrics: [auc, aucc]                              | task 'first' metrics [auc, aucc]: unknown metric 'aucc'
      metrics: [auc]                                          | metrics: [r2]                                     | task 'second' metrics [r2]: metric 'r2' does not apply to binary labels
      """)
  void lateConfigErrorsAreFoundBeforeOutIsCreated(String from, String to, String message) throws IOException {
    CliRunner.Result r = train(50, CliFixture.config(from.strip(), to.strip().replace("\\n", "\n")));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out()).doesNotExist();
  }

  @Test
  void aSectionGivenTwiceIsRefusedWithBothLines() throws IOException {
    CliRunner.Result r = train(50, CliFixture.CONFIG + "training: {epochs: 1}\n");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("config.yaml:14:1: key 'training' appears twice, first at line 12:1");
    assertThat(out()).doesNotExist();
  }

  @Test
  void aNestedKeyGivenTwiceIsRefusedWithItsPathAndBothPlaces() throws IOException {
    CliRunner.Result r = train(50, CliFixture.config("- {name: second, type: binary, column: y2, metrics: [auc]}",
        "- {name: second, type: binary, column: y2, metrics: [auc], column: y1}"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).containsPattern("config.yaml:6:\\d+: key 'tasks\\[1\\]\\.column' appears twice, first at line 6:\\d+");
    assertThat(out()).doesNotExist();
  }

  @Test
  void resumeRemovesCheckpointTemporariesLeftByAKill() throws IOException {
    assertThat(train(100, CliFixture.CONFIG).exitCode()).isZero();
    Path checkpoints = out().resolve("checkpoints");
    Path leftover = Files.writeString(checkpoints.resolve(".checkpoint.mtl4j.4711.tmp"), "half a checkpoint");
    Files.delete(out().resolve("model.mtl4j"));
    CliRunner.Result r = CliRunner.run("train", "--resume", out().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(leftover).doesNotExist();
    assertThat(checkpoints.resolve("checkpoint.mtl4j")).exists();
  }

  @Test
  void resumeWithTheCheckpointDeletedSaysItStartsOverAndEndsWithTheSameModel() throws IOException {
    assertThat(train(100, CliFixture.CONFIG).exitCode()).isZero();
    var first = LifecycleCommandsTest.tensorChecksums(out().resolve("model.mtl4j"));
    Files.delete(out().resolve("checkpoints").resolve("checkpoint.mtl4j"));
    Files.delete(out().resolve("model.mtl4j"));
    CliRunner.Result r = CliRunner.run("train", "--resume", out().toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("no checkpoint", "checkpoint.mtl4j", "starts over from step 0");
    assertThat(LifecycleCommandsTest.tensorChecksums(out().resolve("model.mtl4j"))).isEqualTo(first);
  }
}
