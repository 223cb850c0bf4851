package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
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
 * {@code mtl4j train} without {@code --stream}, {@code evaluate}, {@code relate} and {@code predict} read LibSVM, ARFF
 * and Parquet files by their extension as they read CSV: the same rows train the same model bit for bit and score and
 * predict the same, and bad input exits 2 naming the file and where, leaving no output.
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

  private CliRunner.Result evaluate(Path config, String out, String... more) {
    String model = dir.resolve(out).resolve("model.mtl4j").toString();
    List<String> args = new ArrayList<>(List.of("evaluate", "--model", model, "--config", config.toString(),
        "--data-dir", dir.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  /** {@code n} seeded rows as {@code rows.csv} and as {@code rows.<format>}. */
  private void twins(String format, int n, long seed) throws IOException {
    List<double[]> rows = StreamingFormatsTest.rows(n, seed);
    StreamingFormatsTest.csv(dir, rows);
    StreamingFormatsTest.write(dir, format, rows, true);
  }

  private float[] weights(String out) {
    return ModelStore.load(dir.resolve(out).resolve("model.mtl4j"), null).model().parameters().values();
  }

  @ParameterizedTest
  @ValueSource(strings = {"libsvm", "arff", "parquet"})
  void theSameRowsInAnotherFormatTrainAndScoreAsTheCsvDoes(String format) throws IOException {
    twins(format, 400, 6);
    Path csvConfig = config("rows.csv", "csv.yaml"), other = config("rows." + format, format + ".yaml");
    assertThat(train(csvConfig, "csv").exitCode()).isZero();
    CliRunner.Result r = train(other, format);
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).doesNotContain("streaming").contains("240 train / 80 valid / 80 test rows");
    assertThat(weights(format)).containsExactly(weights("csv"));
    CliRunner.Result scored = evaluate(other, format);
    assertThat(scored.exitCode()).as(scored.err()).isZero();
    assertThat(scored.out()).isEqualTo(evaluate(csvConfig, "csv").out());
    CliRunner.Result allRows = evaluate(other, format, "--data", dir.resolve("rows." + format).toString());
    assertThat(allRows.exitCode()).as(allRows.err()).isZero();
    assertThat(allRows.out().replace("rows." + format, "rows.csv"))
        .isEqualTo(evaluate(other, format, "--data", dir.resolve("rows.csv").toString()).out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"libsvm", "arff", "parquet"})
  void predictReadsAFileInAnotherFormatAsItReadsTheSameRowsAsCsv(String format) throws IOException {
    twins(format, 300, 9);
    assertThat(train(config("rows." + format, format + ".yaml"), format).exitCode()).isZero();
    CliRunner.Result r = predict(format, "rows." + format, "from-" + format + ".csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 300 predictions");
    assertThat(predict(format, "rows.csv", "from-csv.csv").exitCode()).isZero();
    assertThat(dir.resolve("from-" + format + ".csv")).hasSameTextualContentAs(dir.resolve("from-csv.csv"));
  }

  private CliRunner.Result predict(String out, String input, String output) {
    return CliRunner.run("predict", "--model", dir.resolve(out).resolve("model.mtl4j").toString(), "--input",
        dir.resolve(input).toString(), "--output", dir.resolve(output).toString());
  }

  /**
   * The fixture's two tasks in ARFF: a nominal and a numeric feature, labels y1 {yes,no} and y2 {0,1}; seeded, y1
   * follows x and y2 the colour, every fifth row sparse (colour red, x 0, y1 yes, y2 0: index 0 is red).
   */
  private Path fixtureArff(long seed) throws IOException {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("@relation fixture\n@attribute colour {red,'dark blue'}\n"
        + "@attribute x numeric\n@attribute y1 {yes,no}\n@attribute y2 {0,1}\n@data\n");
    for (int i = 0; i < 200; i++) {
      boolean blue = random.nextBoolean();
      double x = Math.round(random.nextGaussian() * 100) / 100.0;
      if (i % 5 == 0) sb.append("{0 red, 2 yes}\n");
      else sb.append(blue ? "'dark blue'," : "red,").append(x)
          .append(x + 0.3 * random.nextGaussian() > 0 ? ",yes," : ",no,")
          .append(blue == random.nextInt(10) > 0 ? 1 : 0).append('\n');
    }
    return Files.writeString(dir.resolve("data.arff"), sb.toString());
  }

  @Test
  void anArffFileWithNominalNumericAndSparseRowsTrainsEvaluatesAndRelates() throws IOException {
    fixtureArff(11);
    Path config = Files.writeString(dir.resolve("arff.yaml"), CliFixture.CONFIG.replace("data.csv", "data.arff"));
    CliRunner.Result trained = train(config, "arff");
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    assertThat(trained.out()).contains("120 train / 40 valid / 40 test rows");
    CliRunner.Result scored = evaluate(config, "arff");
    assertThat(scored.exitCode()).as(scored.err()).isZero();
    assertThat(scored.out()).contains("Metrics on 40 test rows").contains("first").contains("second");
    Path out = dir.resolve("relate");
    CliRunner.Result related = CliRunner.run("relate", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", out.toString(), "--every", "5", "--rows", "64", "--quiet");
    assertThat(related.exitCode()).as(related.err()).isZero();
    assertThat(Outputs.JSON.readTree(out.resolve("relatedness.json").toFile()).get("tasks")).hasSize(2);
  }

  @Test
  void anArffValueItsDeclarationDoesNotAdmitExits2NamingFileAndLineAndWritesNothing() throws IOException {
    Path file = fixtureArff(12);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(30, "green,0.5,yes,1");
    Files.write(file, lines);
    Path config = Files.writeString(dir.resolve("c.yaml"), CliFixture.CONFIG.replace("data.csv", "data.arff"));
    CliRunner.Result r = train(config, "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":31:1").contains("value 'green' of attribute 'colour' is not declared");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aMultilabelLibSvmFileTrainsAsTheCsvOfItsLabelColumnsBitForBit() throws IOException {
    StringBuilder csv = new StringBuilder("label_0,label_1,f1,f2,f3\n"), svm = new StringBuilder();
    for (double[] r : StreamingFormatsTest.rows(400, 13)) {
      boolean second = r[0] == 0 || r[2] > 0.5; // every row has a label: LibSVM cannot write an empty list
      csv.append(r[0] == 1 ? "1," : "0,").append(second ? "1" : "0");
      svm.append(r[0] == 1 ? (second ? "0,1" : "0") : "1");
      for (int c = 1; c < r.length; c++) {
        csv.append(',').append(StreamingFormatsTest.text(r[c]));
        if (r[c] != 0) svm.append(' ').append(c).append(':').append(StreamingFormatsTest.text(r[c]));
      }
      csv.append('\n');
      svm.append('\n');
    }
    Files.writeString(dir.resolve("labels.csv"), csv);
    Files.writeString(dir.resolve("labels.libsvm"), svm);
    String tasks = "  - {name: first, type: binary, column: label_0, metrics: [auc]}\n"
        + "  - {name: second, type: binary, column: label_1, metrics: [auc]}\n";
    for (String format : List.of("csv", "libsvm")) {
      String c = StreamingFormatsTest.oneTask("labels." + format)
          .replace("  - {name: positive, type: binary, column: label, metrics: [auc]}\n", tasks);
      CliRunner.Result r = train(Files.writeString(dir.resolve(format + ".yaml"), c), format);
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    assertThat(weights("libsvm")).containsExactly(weights("csv"));
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
    StreamingFormatsTest.write(dir, "parquet", StreamingFormatsTest.rows(100, 8), false);
    CliRunner.Result r = train(config("rows.parquet", "c.yaml"), "out");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(dir.resolve("rows.parquet").toString())
        .contains("task 'positive' label column 'label' is not in the file; columns: [f1, f2, f3]");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
