package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A LibSVM file read after the training file (data.valid, data.test, {@code evaluate --data}, {@code predict --input})
 * has the training file's width and labels, whatever its own largest index: features it never uses are 0, as LibSVM
 * means them, and an index past the training file's exits 2 naming the file, line and that width, writing nothing.
 */
class LibSvmTrainingWidthTest {
  @TempDir Path dir;

  /** Seeded rows of a label and five features: label = [f1 + f2 > 0], f4 and f5 small noise. */
  private static List<double[]> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] row = new double[6];
      for (int c = 1; c <= 5; c++) row[c] = Math.round(r.nextGaussian() * (c > 3 ? 100 : 1e4)) / 1e4;
      row[0] = row[1] + row[2] + 0.3 * r.nextGaussian() > 0 ? 1 : 0;
      rows.add(row);
    }
    return rows;
  }

  /**
   * {@code rows} as LibSVM with features 1..{@code upTo} (zeros left out), and with {@code explicit} an entry
   * {@code explicit:0} ending each line.
   */
  private Path libsvm(String name, List<double[]> rows, int upTo, int explicit) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (double[] r : rows) {
      sb.append(StreamingFormatsTest.text(r[0]));
      for (int c = 1; c <= upTo; c++) if (r[c] != 0) sb.append(' ').append(c).append(':').append(StreamingFormatsTest.text(r[c]));
      if (explicit > 0) sb.append(' ').append(explicit).append(":0");
      sb.append('\n');
    }
    return Files.writeString(dir.resolve(name), sb.toString());
  }

  /** One binary task trained in memory on train.libsvm, with {@code more} data lines (a test file). */
  private Path config(String name, String more) throws IOException {
    String c = StreamingFormatsTest.oneTask("train.libsvm").replace("  train: train.libsvm\n",
        "  train: train.libsvm\n" + more);
    return Files.writeString(dir.resolve(name), c);
  }

  private CliRunner.Result train(Path config, String out) {
    return CliRunner.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve(out).toString());
  }

  private String model(String out) {
    return dir.resolve(out).resolve("model.mtl4j").toString();
  }

  private float[] weights(String out) {
    return ModelStore.load(dir.resolve(out).resolve("model.mtl4j"), null).model().parameters().values();
  }

  private CliRunner.Result predict(String out, String input, String output) {
    return CliRunner.run("predict", "--model", model(out), "--input", dir.resolve(input).toString(), "--output",
        dir.resolve(output).toString());
  }

  private CliRunner.Result evaluate(Path config, String out, String... more) {
    List<String> args = new ArrayList<>(List.of("evaluate", "--model", model(out), "--config", config.toString(),
        "--data-dir", dir.toString()));
    args.addAll(List.of(more));
    return CliRunner.run(args.toArray(String[]::new));
  }

  @Test
  void aTestFileUpToF3TrainsAndEvaluatesAsTheSameRowsWrittenOutToF5() throws IOException {
    libsvm("train.libsvm", rows(300, 1), 5, 0);
    List<double[]> test = rows(80, 2);
    libsvm("narrow.libsvm", test, 3, 0);
    libsvm("explicit.libsvm", test, 3, 5);
    Path narrow = config("narrow.yaml", "  test: narrow.libsvm\n"), explicit = config("explicit.yaml", "  test: explicit.libsvm\n");
    CliRunner.Result r = train(narrow, "narrow");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("80 test rows");
    assertThat(train(explicit, "explicit").exitCode()).isZero();
    assertThat(weights("narrow")).containsExactly(weights("explicit"));
    CliRunner.Result scored = evaluate(narrow, "narrow");
    assertThat(scored.exitCode()).as(scored.err()).isZero();
    assertThat(scored.out().replace("narrow.libsvm", "explicit.libsvm")).contains("Metrics on")
        .isEqualTo(evaluate(explicit, "explicit").out());
    CliRunner.Result data = evaluate(narrow, "narrow", "--data", dir.resolve("narrow.libsvm").toString());
    assertThat(data.exitCode()).as(data.err()).isZero();
    assertThat(data.out().replace("narrow.libsvm", "explicit.libsvm"))
        .isEqualTo(evaluate(narrow, "narrow", "--data", dir.resolve("explicit.libsvm").toString()).out());
  }

  @Test
  void predictOnAFileUpToF2GivesThePredictionsOfTheSameRowsWithExplicitZeros() throws IOException {
    libsvm("train.libsvm", rows(200, 3), 5, 0);
    assertThat(train(config("c.yaml", ""), "out").exitCode()).isZero();
    List<double[]> input = rows(50, 4);
    libsvm("narrow.libsvm", input, 2, 0);
    libsvm("explicit.libsvm", input, 2, 5);
    CliRunner.Result r = predict("out", "narrow.libsvm", "narrow.csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 50 predictions");
    assertThat(predict("out", "explicit.libsvm", "explicit.csv").exitCode()).isZero();
    assertThat(dir.resolve("narrow.csv")).hasSameTextualContentAs(dir.resolve("explicit.csv"));
  }

  @Test
  void anIndexPastTheTrainingWidthExits2NamingFileLineAndTheWidthAndWritesNothing() throws IOException {
    libsvm("train.libsvm", rows(200, 5), 5, 0);
    assertThat(train(config("c.yaml", ""), "out").exitCode()).isZero();
    Path wide = Files.writeString(dir.resolve("wide.libsvm"), "1 1:0.5\n0 2:1 9:3\n");
    CliRunner.Result predicted = predict("out", "wide.libsvm", "p.csv");
    assertThat(predicted.exitCode()).isEqualTo(2);
    assertThat(predicted.err()).contains(wide + ":2:3").contains("feature index 9 outside 1..5 (the training file's width)");
    assertThat(dir.resolve("p.csv")).doesNotExist();
    CliRunner.Result trained = train(config("v.yaml", "  valid: wide.libsvm\n"), "v");
    assertThat(trained.exitCode()).isEqualTo(2);
    assertThat(trained.err()).contains(wide + ":2:3").contains("outside 1..5 (the training file's width)");
    assertThat(dir.resolve("v")).doesNotExist();
  }

  @Test
  void aMultilabelFileTakesTheTrainingFileLabelsAndALabelItNeverHadExits2() throws IOException {
    StringBuilder train = new StringBuilder();
    for (double[] r : rows(200, 6)) {
      train.append(r[0] == 1 ? (r[3] > 0 ? "0,2" : "0") : r[3] > 0 ? "1,2" : "1");
      for (int c = 1; c <= 3; c++) train.append(' ').append(c).append(':').append(StreamingFormatsTest.text(r[c]));
      train.append('\n');
    }
    Files.writeString(dir.resolve("train.libsvm"), train);
    String tasks = "  - {name: a, type: binary, column: label_0, metrics: [auc]}\n"
        + "  - {name: b, type: binary, column: label_1, metrics: [auc]}\n"
        + "  - {name: c, type: binary, column: label_2, metrics: [auc]}\n";
    Path config = Files.writeString(dir.resolve("m.yaml"), StreamingFormatsTest.oneTask("train.libsvm")
        .replace("  - {name: positive, type: binary, column: label, metrics: [auc]}\n", tasks));
    CliRunner.Result trained = train(config, "out");
    assertThat(trained.exitCode()).as(trained.err()).isZero();
    Files.writeString(dir.resolve("few.libsvm"), "0 1:0.5\n1 2:1\n");
    Files.writeString(dir.resolve("explicit.libsvm"), "0 1:0.5 3:0\n1 2:1 3:0\n");
    CliRunner.Result r = predict("out", "few.libsvm", "few.csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(predict("out", "explicit.libsvm", "explicit.csv").exitCode()).isZero();
    assertThat(dir.resolve("few.csv")).hasSameTextualContentAs(dir.resolve("explicit.csv"));
    Path more = Files.writeString(dir.resolve("more.libsvm"), "0 1:0.5\n1,3 2:1\n");
    CliRunner.Result refused = train(Files.writeString(dir.resolve("t.yaml"), Files.readString(config)
        .replace("  train: train.libsvm\n", "  train: train.libsvm\n  test: more.libsvm\n")), "t");
    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains(more + ":2:1").contains("expected label indices 0..2 separated by commas"
        + " (the training file's labels)");
    assertThat(dir.resolve("t")).doesNotExist();
  }

  @Test
  void aModelTrainedOnSomeLabelsOfAMultilabelFilePredictsRowsThatCarryTheOthers() throws IOException {
    Files.writeString(dir.resolve("train.libsvm"), "0,3 1:0.5 2:1\n1 1:-1\n0,2 2:2\n1,3 1:1 2:-1\n".repeat(20));
    Path config = Files.writeString(dir.resolve("m.yaml"), StreamingFormatsTest.oneTask("train.libsvm")
        .replace("column: label,", "column: label_0,"));
    assertThat(train(config, "out").exitCode()).isZero();
    CliRunner.Result r = predict("out", "train.libsvm", "p.csv");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Wrote 80 predictions");
  }
}
