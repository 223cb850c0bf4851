package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code mtl4j train} with {@code data.streaming} or {@code --stream}: the file is read in chunks, never whole. */
class StreamingTrainTest {
  private static final String SPLIT = "split: {method: random, valid: 0.2, test: 0.2}";
  @TempDir Path dir;

  private CliRunner.Result train(String config, String out, String... extra) throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(600, 1), config);
    String[] args = Stream.concat(Stream.of("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve(out).toString()), Stream.of(extra)).toArray(String[]::new);
    return CliRunner.run(args);
  }

  private static String streaming(int chunkRows) {
    return CliFixture.CONFIG.replace(SPLIT, "split: {valid: 0.2, test: 0}\n  streaming: {chunkRows: " + chunkRows
        + ", shuffleBuffer: 100}").replace("epochs: 3", "epochs: 6");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> metrics(String out) throws IOException {
    return JsonMapper.builder().build().readValue(Files.readString(dir.resolve(out).resolve("metrics.json")), Map.class);
  }

  @SuppressWarnings("unchecked")
  @Test
  void streamsTheFileLearnsAndSaysHowItRead() throws IOException {
    CliRunner.Result r = train(streaming(50), "out");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mtl4j train (streaming)").contains("chunks of 50 rows, shuffle buffer 100 rows");
    Map<String, Object> m = metrics("out");
    assertThat((Map<String, Object>) m.get("streaming")).containsEntry("chunkRows", 50).containsEntry("shuffleBuffer", 100);
    Map<String, Object> rows = (Map<String, Object>) m.get("rows");
    assertThat(((Number) rows.get("train")).longValue() + ((Number) rows.get("valid")).longValue()).isEqualTo(600);
    Map<String, Object> first = (Map<String, Object>) ((Map<String, Object>) m.get("validation")).get("first");
    assertThat(((Number) first.get("auc")).doubleValue()).isGreaterThan(0.85); // y1 = [x1 + x2 + noise > 0]
    assertThat(dir.resolve("out").resolve("model.mtl4j")).isRegularFile();
  }

  @Test
  void theChunkSizeChangesNothingButMemory() throws IOException {
    assertThat(train(streaming(7), "small").exitCode()).isZero();
    assertThat(train(streaming(1000), "large").exitCode()).isZero();
    // Bit-identical weights; the validation metrics may differ in the last digits (other prediction batch sizes).
    assertThat(ModelStore.load(dir.resolve("small/model.mtl4j"), null).model().parameters().values())
        .containsExactly(ModelStore.load(dir.resolve("large/model.mtl4j"), null).model().parameters().values());
  }

  @Test
  void theStreamFlagStreamsWithTheDefaults() throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG.replace(SPLIT, "split: {valid: 0.2, test: 0}"), "out", "--stream");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("chunks of 10000 rows, shuffle buffer 100000 rows");
  }

  @Test
  void aTestFractionIsRefusedByItsKeyBeforeAnythingIsWritten() throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG, "out", "--stream");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("data.streaming: data.split.test must be 0");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aTaskWithTargetsFromTheInputIsRefusedByItsKey() throws IOException {
    String config = CliFixture.CONFIG.replace(SPLIT, "split: {valid: 0.2, test: 0}").replace("metrics: [auc]}",
        "metrics: [auc]}\n  - {name: recon, auxiliary: {targets: reconstruction}}");
    CliRunner.Result r = train(config, "out", "--stream");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("data.streaming: tasks[].auxiliary targets from the input");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aBadStreamingValueNamesItsKey() throws IOException {
    CliRunner.Result r = train(streaming(0), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("data.streaming.chunkRows = 0, expected ≥ 1");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void parseAheadAndTheRowCacheChangeNoBitAndTheCacheIsGoneAfterwards() throws IOException {
    Path cache = dir.resolve("cache");
    String plain = streaming(20).replace("shuffleBuffer: 100}", "shuffleBuffer: 100, parseAhead: false, cacheMaxMB: 0}");
    String fast = streaming(20).replace("shuffleBuffer: 100}", "shuffleBuffer: 100, cacheDir: '" + cache + "'}");
    assertThat(train(plain, "plain").exitCode()).isZero();
    CliRunner.Result r = train(fast, "fast");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("row cache: ").contains(" after the first epoch");
    assertThat(ModelStore.load(dir.resolve("fast/model.mtl4j"), null).model().parameters().values())
        .containsExactly(ModelStore.load(dir.resolve("plain/model.mtl4j"), null).model().parameters().values());
    try (Stream<Path> left = Files.list(cache)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aShuffleBufferLargerThanTheHeapAllowsIsRefusedByItsKey() throws IOException {
    CliRunner.Result r = train(streaming(20).replace("shuffleBuffer: 100", "shuffleBuffer: 2000000000"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("data.streaming.shuffleBuffer = 2000000000").contains("over half the");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
