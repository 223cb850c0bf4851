package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Data files as users and attackers hand them over: what the CLI says (exit 2, file:line:column) and leaves behind. */
class HostileDataTest {
  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  private CliFixture.Result train(Path config) {
    return CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out", out().toString());
  }

  private void assertRejected(CliFixture.Result r, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(fragments);
    assertThat(out()).doesNotExist();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }

  @Test
  void byteOrderMarkIsNotPartOfTheFirstColumnName() throws IOException {
    String config = CliFixture.CONFIG.replace("tasks:", "features: {numeric: [x1]}\ntasks:");
    Path c = CliFixture.write(dir, "\ufeff" + CliFixture.csv(60, 1), config);
    CliFixture.Result r = train(c);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(out().resolve("model.mtl4j")).isRegularFile();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "Infinity", "\"two\nlines\""})
  void oneNonNumericCellInAFeatureColumnIsRefusedLikeInALabelColumn(String cell) throws IOException {
    String data = CliFixture.csv(180, 1) + "0.5," + cell + ",red,yes,1\n";
    Path c = CliFixture.write(dir, data, CliFixture.CONFIG);
    assertRejected(train(c), "data.csv:182:2", "column 'x2'", "features.categorical");
  }

  @Test
  void declaringTheMixedColumnCategoricalTrains() throws IOException {
    String data = CliFixture.csv(180, 1) + "0.5,abc,red,yes,1\n";
    Path c = CliFixture.write(dir, data, CliFixture.CONFIG.replace("tasks:", "features: {categorical: [x2]}\ntasks:"));
    assertThat(train(c).code()).isZero();
  }

  @Test
  void truncatedGzipIsBadInputNamingFileLineReachedAndCause() throws IOException {
    byte[] whole = gzip(CliFixture.csv(4000, 2));
    Files.write(dir.resolve("data.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
    Path c = dir.resolve("config.yaml");
    Files.writeString(c, CliFixture.CONFIG.replace("train: data.csv", "train: data.csv.gz"));
    assertRejected(train(c), "data.csv.gz:", "unexpected end of compressed data", "after line");
  }

  @Test
  void datasetsVerifyNamesTheTruncatedGzip() throws IOException {
    byte[] whole = gzip("39, State-gov, 77516, Bachelors\n".repeat(3000));
    Files.write(dir.resolve("adult.data.gz"), Arrays.copyOf(whole, whole.length / 2));
    CliFixture.Result r = CliFixture.run("datasets", "verify", "adult", "--data-dir", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("adult.data.gz", "unexpected end of compressed data").doesNotContain("adult.data:");
  }
}
