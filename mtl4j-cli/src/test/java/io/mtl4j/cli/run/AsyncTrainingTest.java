package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** {@code mtl4j train} with {@code training.async: true}: Hogwild on lock-free workers, or a refusal by key. */
class AsyncTrainingTest {
  private static final String SGD = "optimizer: {name: sgd, options: {learningRate: 0.05}}";
  @TempDir Path dir;

  private CliRunner.Result train(String config) throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(600, 1), config);
    return CliRunner.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  private static String async(String optimizer, String training) {
    return CliFixture.CONFIG.replace("optimizer: {name: adam, options: {learningRate: 0.01}}", optimizer)
        .replace("training: {epochs: 3, batchSize: 64, threads: 1, seed: 1, patience: 0}", training);
  }

  @SuppressWarnings("unchecked")
  @Test
  void trainsWithLockFreeWorkersAndLearns() throws IOException {
    CliRunner.Result r = train(async(SGD, "training: {epochs: 8, batchSize: 16, threads: 2, seed: 1, async: true}"));
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> m = JsonMapper.builder().build().readValue(
        Files.readString(dir.resolve("out/metrics.json")), Map.class);
    Map<String, Object> first = (Map<String, Object>) ((Map<String, Object>) m.get("validation")).get("first");
    assertThat(((Number) first.get("auc")).doubleValue()).isGreaterThan(0.85); // y1 = [x1 + x2 + noise > 0]
  }

  @ParameterizedTest(name = "{2}")
  @CsvSource(delimiter = '|', textBlock = """
      optimizer: {name: adam, options: {learningRate: 0.01}}                | patience: 0 | optimizer.name must be sgd
      optimizer: {name: sgd, options: {learningRate: 0.05, momentum: 0.9}} | patience: 0 | optimizer.options: momentum and weightDecay must be 0
      optimizer: {name: sgd, options: {learningRate: 0.05}}                 | patience: 3 | training.patience must be 0
      """)
  void settingsItCannotHonourAreRefusedByKeyBeforeAnythingIsWritten(String optimizer, String patience, String message)
      throws IOException {
    CliRunner.Result r = train(async(optimizer.strip(), "training: {epochs: 2, batchSize: 16, threads: 2, seed: 1, "
        + patience.strip() + ", async: true}"));
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("training.async: " + message);
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
