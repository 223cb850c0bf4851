package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.encode.ImageEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inputs:} kind {@code image}: pixel columns of an MNIST-format CSV (one image per row, C, H, W order) through
 * a conv trunk, trained from YAML and predicted from the same raw file, and its bad inputs (exit 2).
 */
class ImageInputsTest {
  private static final int SIDE = 6;
  private static final String CONFIG = """
      data:
        train: data.csv
        split: {method: random, valid: 0.2, test: 0.2}
      inputs:
        - {name: digits, kind: image, columns: [p0..pLAST], height: 6, width: 6, layers: [{channels: 4, pool: 2}]}
      tasks:
        - {name: left, type: binary, column: left, metrics: [accuracy]}
        - {name: top, type: binary, column: top, metrics: [accuracy]}
      architecture: {name: shared-bottom, options: {hidden: [8]}, head: {hidden: [4]}}
      optimizer: {name: adam, options: {learningRate: 0.02}}
      training: {epochs: 30, batchSize: 32, threads: 2, seed: 1, patience: 0}
      """;

  @TempDir Path dir;

  /** 6×6 byte images, dark with noise and one bright 2×2 square; left/top = where the square is. */
  private static String images(int rows, long seed, boolean withLabels) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < SIDE * SIDE; p++) sb.append(p == 0 ? "" : ",").append("p").append(p);
    sb.append(withLabels ? ",left,top\n" : "\n");
    for (int i = 0; i < rows; i++) {
      int x = r.nextInt(SIDE - 1), y = r.nextInt(SIDE - 1);
      for (int p = 0; p < SIDE * SIDE; p++) {
        int px = p % SIDE, py = p / SIDE;
        boolean square = px >= x && px <= x + 1 && py >= y && py <= y + 1;
        sb.append(p == 0 ? "" : ",").append(square ? 200 + r.nextInt(56) : r.nextInt(40));
      }
      if (withLabels) sb.append(',').append(x + 1 < SIDE / 2 ? 1 : 0).append(',').append(y + 1 < SIDE / 2 ? 1 : 0);
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String config() {
    return CONFIG.replace("LAST", String.valueOf(SIDE * SIDE - 1));
  }

  private CliFixture.Result train(String data, String config) throws IOException {
    Path c = CliFixture.write(dir, data, config);
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  private CliFixture.Result predict(String csv) throws IOException {
    Files.writeString(dir.resolve("in.csv"), csv);
    return CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(), "--input",
        dir.resolve("in.csv").toString(), "--output", dir.resolve("pred.csv").toString());
  }

  @Test
  void pixelColumnsTrainAConvTrunkAndPredictReadsTheSameRawColumns() throws IOException {
    CliFixture.Result trained = train(images(400, 1, true), config());
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    ImageEncoder.Spec spec = (ImageEncoder.Spec) saved.model().spec().groups().groups().get(0);
    assertThat(List.of(spec.channels(), spec.height(), spec.width())).containsExactly(1, SIDE, SIDE);
    String fresh = images(100, 2, true);
    CliFixture.Result predicted = predict(fresh.replaceAll("(?m),[01],[01]$", "").replaceFirst(",left,top", ""));
    assertThat(predicted.code()).as(predicted.err()).isZero();
    List<String> labels = fresh.lines().skip(1).toList(), lines = Files.readAllLines(dir.resolve("pred.csv"));
    assertThat(lines).hasSize(101);
    int right = 0;
    for (int i = 0; i < 100; i++) {
      String[] truth = labels.get(i).split(","), pred = lines.get(i + 1).split(",");
      if (pred[1].equals(truth[truth.length - 2]) && pred[3].equals(truth[truth.length - 1])) right++;
    }
    assertThat(right).as("rows with both tasks right out of 100").isGreaterThan(85);
  }

  @Test
  void pixelCountOtherThanTheImageSizeNamesTheKeyAndTheSize() throws IOException {
    CliFixture.Result r = train(images(50, 3, true), config().replace("height: 6", "height: 5"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("inputs[0]", "image group 'digits': 36 pixel columns, expected 30 for images of "
        + "C×H×W = 1×5×6");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void rowWithAMissingOrNonNumericPixelNamesFileLineAndColumn() throws IOException {
    assertThat(train(images(100, 4, true), config()).code()).isZero();
    String rows = images(3, 5, false);
    String[] lines = rows.split("\n");
    lines[2] = lines[2].replaceFirst("^(\\d+),(\\d+),", "$1,,"); // line 3, pixel p1 (column 2) empty
    CliFixture.Result missing = predict(String.join("\n", lines) + "\n");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("in.csv:3:2", "pixel column 'p1' has no value");
    assertThat(dir.resolve("pred.csv")).doesNotExist();
    lines[2] = lines[2].replaceFirst("^(\\d+),,", "$1,dark,");
    CliFixture.Result text = predict(String.join("\n", lines) + "\n");
    assertThat(text.code()).isEqualTo(2);
    assertThat(text.err()).contains("in.csv:3:2", "pixel column 'p1' has the value 'dark'");
  }

  @Test
  void rowWithTooFewPixelsNamesFileAndLine() throws IOException {
    String data = images(50, 6, true);
    String[] lines = data.split("\n");
    lines[4] = lines[4].substring(lines[4].indexOf(',') + 1); // one cell short
    CliFixture.Result r = train(String.join("\n", lines) + "\n", config());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("data.csv:5", "row has 37 fields, expected 38");
  }

  @Test
  void imageGroupWithoutItsSizeOrWithABadRangeIsRefusedNamingTheKey() throws IOException {
    CliFixture.Result size = train(images(20, 7, true), config().replace("height: 6, ", ""));
    assertThat(size.code()).isEqualTo(2);
    assertThat(size.err()).contains("inputs[0].height and width are required");
    CliFixture.Result range = train(images(20, 7, true), config().replace("p0..p35", "p0..q35"));
    assertThat(range.code()).isEqualTo(2);
    assertThat(range.err()).contains("inputs[0].columns: 'p0..q35' is not a range");
  }
}
