package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mtl4j train} and {@code evaluate} without {@code --stream} read LibSVM and Parquet files by their extension
 * as they read CSV: the same rows train the same model bit for bit and score the same, and bad input exits 2 naming
 * the file and where, leaving no output.
 */
class InMemoryFormatsTest {
  @TempDir Path dir;

  /** One binary task on {@code file}'s label column, trained in memory. */
  private Path config(String file, String name) throws IOException {
    return Files.writeString(dir.resolve(name), StreamingFormatsTest.oneTask(file));
  }

  private CliRunner.Result train(Path config, String out) {
    return CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve(out).toString());
  }

  private CliRunner.Result evaluate(Path config, String out) {
    return CliRunner.run("evaluate", "--model", dir.resolve(out).resolve("model.mtl4j").toString(), "--config",
        config.toString(), "--data-dir", dir.toString());
  }

  private float[] weights(String out) {
    return ModelStore.load(dir.resolve(out).resolve("model.mtl4j"), null).model().parameters().values();
  }

  private void write(String format, List<double[]> rows, boolean withLabel) throws IOException {
    if (format.equals("libsvm")) StreamingFormatsTest.libsvm(dir, rows);
    else StreamingFormatsTest.parquet(dir, rows, withLabel);
  }

  @ParameterizedTest
  @ValueSource(strings = {"libsvm", "parquet"})
  void theSameRowsInAnotherFormatTrainAndScoreAsTheCsvDoes(String format) throws IOException {
    List<double[]> rows = StreamingFormatsTest.rows(400, 6);
    StreamingFormatsTest.csv(dir, rows);
    write(format, rows, true);
    Path csvConfig = config("rows.csv", "csv.yaml"), other = config("rows." + format, format + ".yaml");
    assertThat(train(csvConfig, "csv").exitCode()).isZero();
    CliRunner.Result r = train(other, format);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("streaming").contains("240 train / 80 valid / 80 test rows");
    assertThat(weights(format)).containsExactly(weights("csv"));
    CliRunner.Result scored = evaluate(other, format);
    assertThat(scored.exitCode()).as(scored.err()).isZero();
    assertThat(scored.out()).isEqualTo(evaluate(csvConfig, "csv").out());
  }

  @Test
  void aMalformedLibSvmLineExits2NamingFileLineAndColumnAndWritesNothing() throws IOException {
    Path file = StreamingFormatsTest.libsvm(dir, StreamingFormatsTest.rows(100, 7));
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(41, "0 1:0.5 3:nope");
    Files.write(file, lines);
    CliRunner.Result r = train(config("rows.libsvm", "c.yaml"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file.toString()).contains(":42:").contains("bad value 'nope', expected a number");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aParquetFileWithoutTheLabelColumnExits2NamingTheColumnAndWritesNothing() throws IOException {
    write("parquet", StreamingFormatsTest.rows(100, 8), false);
    CliRunner.Result r = train(config("rows.parquet", "c.yaml"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("rows.parquet").toString())
        .contains("task 'positive' label column 'label' is not in the file; columns: [f1, f2, f3]");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
