package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model-key-file FILE}: the model key for every command that saves or loads models (docs/security.md). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelKeyFileTest {
  @TempDir static Path dir;
  Path config, key, otherKey, keyed, plain, input;

  @BeforeAll
  void trainOneModelWithAndOneWithoutAKey() throws IOException {
    config = CliFixture.write(dir, CliFixture.csv(200, 3), CliFixture.CONFIG);
    key = Files.writeString(dir.resolve("model.key"), "0123456789abcdef0123456789abcdef\n");
    otherKey = Files.writeString(dir.resolve("other.key"), "fedcba9876543210fedcba9876543210\n");
    input = Files.writeString(dir.resolve("new.csv"), "x1,x2,colour\n1.0,1.0,red\n");
    keyed = train("keyed", "--model-key-file", key.toString());
    plain = train("plain");
  }

  private Path train(String name, String... extra) {
    Path out = dir.resolve(name);
    String[] args = {"train", "--config", config.toString(), "--data-dir", dir.toString(), "--out", out.toString()};
    CliFixture.Result r = CliFixture.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
        java.util.Arrays.stream(extra)).toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return out.resolve("model.mtl4j");
  }

  private CliFixture.Result predict(Path model, String name, String... extra) {
    String[] args = {"predict", "--model", model.toString(), "--input", input.toString(), "--output",
        dir.resolve(name).toString()};
    return CliFixture.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
        .toArray(String[]::new));
  }

  @Test
  void aModelSavedWithTheKeyLoadsWithIt() {
    CliFixture.Result r = predict(keyed, "ok.csv", "--model-key-file", key.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("ok.csv")).exists();
  }

  @Test
  void aModelSavedWithoutAKeyIsRefusedWhenTheFlagAsksForOne() {
    CliFixture.Result r = predict(plain, "refused.csv", "--model-key-file", key.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(plain.toString()).containsIgnoringCase("hmac");
    assertThat(dir.resolve("refused.csv")).doesNotExist();
  }

  @Test
  void aModelSavedWithTheKeyIsRefusedUnderAnotherKey() {
    CliFixture.Result r = predict(keyed, "other.csv", "--model-key-file", otherKey.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(keyed.toString()).containsIgnoringCase("hmac");
    assertThat(dir.resolve("other.csv")).doesNotExist();
  }

  @Test
  void theKeyAppliesToEveryModelCommand() {
    String[][] commands = {
        {"evaluate", "--model", plain.toString(), "--config", config.toString(), "--data-dir", dir.toString(),
            "--out", dir.resolve("eval.json").toString()},
        {"finetune", "--model", plain.toString(), "--config", config.toString(), "--data-dir", dir.toString(),
            "--out", dir.resolve("ft").toString()},
        {"remove-task", "--model", plain.toString(), "--task", "second", "--out", dir.resolve("rt.mtl4j").toString()}};
    for (String[] c : commands) {
      String[] args = java.util.Arrays.copyOf(c, c.length + 2);
      args[c.length] = "--model-key-file";
      args[c.length + 1] = key.toString();
      CliFixture.Result r = CliFixture.run(args);
      assertThat(r.code()).as(c[0] + ": " + r.err()).isEqualTo(2);
      assertThat(r.err()).as(c[0]).containsIgnoringCase("hmac");
    }
  }

  @Test
  void aMissingOrEmptyKeyFileIsAClearErrorNamingTheFlagBeforeAnythingIsWritten() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.key"), "");
    for (Path bad : new Path[] {dir.resolve("no-such.key"), empty}) {
      Path out = dir.resolve("never-" + bad.getFileName());
      CliFixture.Result r = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(),
          "--out", out.toString(), "--model-key-file", bad.toString());
      assertThat(r.code()).as(r.err()).isEqualTo(2);
      assertThat(r.err()).contains("--model-key-file", bad.toString());
      assertThat(out).doesNotExist();
      CliFixture.Result p = predict(keyed, "never.csv", "--model-key-file", bad.toString());
      assertThat(p.code()).as(p.err()).isEqualTo(2);
      assertThat(p.err()).contains("--model-key-file", bad.toString());
    }
  }

  @Test
  void checkpointsCarryTheHmacAndResumeRefusesOneUnderAnotherKey() {
    Path checkpoint = keyed.resolveSibling("checkpoints").resolve(io.mtl4j.train.CheckpointFile.NAME);
    assertThat(io.mtl4j.train.CheckpointFile.load(checkpoint, io.mtl4j.io.ModelKey.fromFile(key)).parameters()).isNotEmpty();
    CliFixture.Result r = CliFixture.run("train", "--resume", keyed.getParent().toString(), "--model-key-file",
        otherKey.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(checkpoint.toString(), "HMAC does not match");
  }
}
