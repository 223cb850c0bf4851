package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import blue.strategic.parquet.ParquetWriter;
import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mtl4j train --stream} on LibSVM, ARFF and Parquet files: the same rows as a CSV file train the same model,
 * bit for bit, and bad input exits 2 naming the file and where, leaving no output.
 */
class StreamingFormatsTest {
  private static final String SPLIT = "split: {method: random, valid: 0.2, test: 0.2}";
  @TempDir Path dir;

  /** Seeded rows {@code label, f1, f2, f3}: label = [f1 + f2 > 0]; f3 is 0 in every third row. */
  static List<double[]> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> rows = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      double f1 = round(r.nextGaussian()), f2 = round(r.nextGaussian()), f3 = i % 3 == 0 ? 0 : round(r.nextGaussian());
      rows.add(new double[] {f1 + f2 + 0.3 * r.nextGaussian() > 0 ? 1 : 0, f1, f2, f3});
    }
    return rows;
  }

  private static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  static String text(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }

  static Path csv(Path dir, List<double[]> rows) throws IOException {
    StringBuilder sb = new StringBuilder("label,f1,f2,f3\n");
    for (double[] r : rows) sb.append(text(r[0])).append(',').append(text(r[1])).append(',').append(text(r[2]))
        .append(',').append(text(r[3])).append('\n');
    return Files.writeString(dir.resolve("rows.csv"), sb.toString());
  }

  /** The rows as LibSVM: zero entries left out, as LibSVM files do. */
  static Path libsvm(Path dir, List<double[]> rows) throws IOException {
    StringBuilder sb = new StringBuilder("# label f1 f2 f3\n");
    for (double[] r : rows) {
      sb.append(text(r[0]));
      for (int c = 1; c < r.length; c++) if (r[c] != 0) sb.append(' ').append(c).append(':').append(text(r[c]));
      sb.append('\n');
    }
    return Files.writeString(dir.resolve("rows.libsvm"), sb.toString());
  }

  /** The rows as ARFF: a nominal {0,1} label and numeric features; rows whose f3 is 0 sparse, leaving zeros out. */
  static Path arff(Path dir, List<double[]> rows) throws IOException {
    StringBuilder sb = new StringBuilder("% label f1 f2 f3\n@relation rows\n@attribute label {0,1}\n"
        + "@attribute f1 numeric\n@attribute f2 real\n@attribute f3 numeric\n@data\n");
    for (double[] r : rows) {
      if (r[3] == 0) {
        List<String> entries = new java.util.ArrayList<>();
        for (int c = 0; c < r.length; c++) if (r[c] != 0) entries.add(c + " " + text(r[c]));
        sb.append('{').append(String.join(", ", entries)).append("}\n");
      } else {
        sb.append(text(r[0])).append(',').append(text(r[1])).append(',').append(text(r[2])).append(',')
            .append(text(r[3])).append('\n');
      }
    }
    return Files.writeString(dir.resolve("rows.arff"), sb.toString());
  }

  /** The rows in {@code format} (libsvm, arff or parquet) as {@code rows.<format>}. */
  static Path write(Path dir, String format, List<double[]> rows, boolean withLabel) throws IOException {
    return switch (format) {
      case "libsvm" -> libsvm(dir, rows);
      case "arff" -> arff(dir, rows);
      default -> parquet(dir, rows, withLabel);
    };
  }

  static Path parquet(Path dir, List<double[]> rows, boolean withLabel) throws IOException {
    Path p = dir.resolve("rows.parquet");
    String schema = "message m { " + (withLabel ? "required int32 label; " : "")
        + "required double f1; required double f2; required double f3; }";
    try (ParquetWriter<double[]> w = ParquetWriter.writeFile(MessageTypeParser.parseMessageType(schema), p.toFile(),
        (r, out) -> {
          if (withLabel) out.write("label", (int) r[0]);
          out.write("f1", r[1]);
          out.write("f2", r[2]);
          out.write("f3", r[3]);
        })) {
      for (double[] r : rows) w.write(r);
    }
    return p;
  }

  /** The fixture's config with one binary task on {@code file}'s label column. */
  static String oneTask(String file) {
    return CliFixture.CONFIG.replace("train: data.csv", "train: " + file)
        .replace("  - {name: first, type: binary, column: y1, positive: [\"yes\"], metrics: [auc, logloss]}\n"
            + "  - {name: second, type: binary, column: y2, metrics: [auc]}\n",
            "  - {name: positive, type: binary, column: label, metrics: [auc]}\n");
  }

  /** One binary task on {@code file}'s label column, streamed in chunks of 32 rows. */
  static Path config(Path dir, String file, String name) throws IOException {
    String c = oneTask(file)
        .replace(SPLIT, "split: {valid: 0.2, test: 0}\n  streaming: {chunkRows: 32, shuffleBuffer: 100}");
    return Files.writeString(dir.resolve(name), c);
  }

  private CliRunner.Result train(Path config, String out) {
    return CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve(out).toString());
  }

  private float[] weights(String out) {
    return ModelStore.load(dir.resolve(out).resolve("model.mtl4j"), null).model().parameters().values();
  }

  @ParameterizedTest
  @ValueSource(strings = {"libsvm", "arff", "parquet"})
  void theSameRowsInAnotherFormatTrainTheSameWeightsBitForBit(String format) throws IOException {
    List<double[]> rows = rows(400, 3);
    csv(dir, rows);
    write(dir, format, rows, true);
    assertThat(train(config(dir, "rows.csv", "csv.yaml"), "csv").exitCode()).isZero();
    CliRunner.Result r = train(config(dir, "rows." + format, format + ".yaml"), format);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("mtl4j train (streaming)");
    assertThat(weights(format)).containsExactly(weights("csv"));
    assertThat(dir.resolve(format).resolve("metrics.json")).isRegularFile();
  }

  @Test
  void aMalformedLibSvmLineExits2NamingFileLineAndColumnAndWritesNothing() throws IOException {
    List<double[]> rows = rows(100, 4);
    Path file = libsvm(dir, rows);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(57, "1 1:0.5 2:oops");
    Files.write(file, lines);
    CliRunner.Result r = train(config(dir, "rows.libsvm", "c.yaml"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file.toString()).contains(":58:").contains("bad value 'oops', expected a number");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void anArffValueItsDeclarationDoesNotAdmitExits2NamingFileAndLineAndWritesNothing() throws IOException {
    Path file = arff(dir, rows(100, 6));
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(60, "2,0.5,0.25,1");
    Files.write(file, lines);
    CliRunner.Result r = train(config(dir, "rows.arff", "c.yaml"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":61:1").contains("value '2' of attribute 'label' is not declared");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aParquetFileWithoutTheLabelColumnExits2NamingTheColumnAndWritesNothing() throws IOException {
    Path file = parquet(dir, rows(100, 5), false);
    CliRunner.Result r = train(config(dir, "rows.parquet", "c.yaml"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file.toString())
        .contains("task 'positive' label column 'label' is not in the file; columns: [f1, f2, f3]");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
