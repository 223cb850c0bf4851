package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.task.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * A task of {@code type: segmentation} whose mask comes from CSV columns: trained from YAML beside a classification
 * task on the image group, predicted per pixel by {@code predict} and scored by {@code evaluate} (mean IoU, pixel
 * accuracy), and its bad inputs refused with exit 2 and nothing written.
 */
class SegmentationTaskConfigTest {
  private static final int SIDE = 6, PIXELS = SIDE * SIDE;
  private static final String CONFIG = """
      data:
        train: data.csv
        split: {method: random, valid: 0.2, test: 0.2}
      inputs:
        - {name: image, kind: image, columns: [p0..p35], height: 6, width: 6, layers: [{channels: 4, pool: 2}]}
      tasks:
        - {name: left, type: binary, column: left, metrics: [accuracy]}
        - {name: square, type: segmentation, classes: 2, columns: [m0..m35]}
      architecture: {name: shared-bottom, options: {hidden: [8]}}
      optimizer: {name: adam, options: {learningRate: 0.02}}
      training: {epochs: 2, batchSize: 32, threads: 2, seed: 1, patience: 0}
      """;

  @TempDir Path dir;

  /**
   * 6×6 byte images, dark with noise and one bright 2×2 square; left = the square is in the left half; the mask is 1
   * on the square's pixels and 0 elsewhere.
   */
  private static String images(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < PIXELS; p++) sb.append("p").append(p).append(',');
    sb.append("left");
    for (int p = 0; p < PIXELS; p++) sb.append(",m").append(p);
    sb.append('\n');
    for (int i = 0; i < rows; i++) {
      int x = r.nextInt(SIDE - 1), y = r.nextInt(SIDE - 1);
      StringBuilder mask = new StringBuilder();
      for (int p = 0; p < PIXELS; p++) {
        boolean square = p % SIDE >= x && p % SIDE <= x + 1 && p / SIDE >= y && p / SIDE <= y + 1;
        sb.append(square ? 200 + r.nextInt(56) : r.nextInt(40)).append(',');
        mask.append(',').append(square ? 1 : 0);
      }
      sb.append(x + 1 < SIDE / 2 ? 1 : 0).append(mask).append('\n');
    }
    return sb.toString();
  }

  private CliFixture.Result train(String data, String config) throws IOException {
    Path c = CliFixture.write(dir, data, config);
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  @Test
  void trainsFromYamlAndPredictAndEvaluateAgreeOnEveryPixel() throws IOException {
    CliFixture.Result trained = train(images(300, 1), CONFIG);
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    assertThat(saved.model().spec().tasks().get(1).type()).isEqualTo(new TaskType.Segmentation(2, SIDE, SIDE));

    String fresh = images(60, 2);
    Files.writeString(dir.resolve("fresh.csv"), fresh);
    CliFixture.Result predicted = CliFixture.run("predict", "--model", dir.resolve("out/model.mtl4j").toString(),
        "--input", dir.resolve("fresh.csv").toString(), "--output", dir.resolve("pred.csv").toString());
    assertThat(predicted.code()).as(predicted.err()).isZero();
    CliFixture.Result evaluated = CliFixture.run("evaluate", "--model", dir.resolve("out/model.mtl4j").toString(),
        "--config", dir.resolve("config.yaml").toString(), "--data", dir.resolve("fresh.csv").toString(),
        "--out", dir.resolve("metrics.json").toString());
    assertThat(evaluated.code()).as(evaluated.err()).isZero();

    List<String> truth = fresh.lines().skip(1).toList(), lines = Files.readAllLines(dir.resolve("pred.csv"));
    List<String> header = List.of(lines.get(0).split(","));
    int first = header.indexOf("square_m0");
    assertThat(header.subList(first, first + PIXELS)).endsWith("square_m35");
    long right = 0;
    for (int i = 0; i < truth.size(); i++) {
      String[] mask = truth.get(i).split(","), pred = lines.get(i + 1).split(",");
      for (int p = 0; p < PIXELS; p++) {
        assertThat(pred[first + p]).isIn("0", "1");
        right += pred[first + p].equals(mask[PIXELS + 1 + p]) ? 1 : 0;
      }
    }
    Map<?, ?> square = (Map<?, ?>) ((Map<?, ?>) new JsonMapper().readValue(dir.resolve("metrics.json").toFile(),
        Map.class).get("test")).get("square");
    assertThat(((Number) square.get("pixel-accuracy")).doubleValue())
        .isCloseTo(right / (double) (truth.size() * PIXELS), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(square.get("mean-iou")).isInstanceOf(Number.class);
  }

  /** The README shows this config as its segmentation example, verbatim. */
  @Test
  void theReadmeShowsThisConfig() throws IOException {
    assertThat(Files.readString(Path.of("..", "README.md"))).contains("```yaml\n" + CONFIG + "```\n");
  }

  @Test
  void maskColumnsOtherThanTheImagesPixelsAreRefusedNamingTheTaskAndSizes() throws IOException {
    CliFixture.Result r = train(images(40, 3), CONFIG.replace("m0..m35", "m0..m34"));
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("tasks.square.columns: 35 mask columns, but image group 'image' holds 6×6 = 36 "
        + "pixels");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aPixelClassOutsideTheClassesNamesFileLineAndColumn() throws IOException {
    String[] lines = images(40, 4).split("\n");
    lines[3] = lines[3].substring(0, lines[3].length() - 1) + "2"; // line 4, column m35 (the last)
    CliFixture.Result r = train(String.join("\n", lines) + "\n", CONFIG);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("data.csv:4:" + (2 * PIXELS + 1), "mask column 'm35' has the value '2', expected a "
        + "pixel class in [0, 1]");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aSegmentationTaskWithoutAnImageGroupOrClassesIsRefused() throws IOException {
    String dense = CONFIG.replace("kind: image, columns: [p0..p35], height: 6, width: 6, layers: [{channels: 4, "
        + "pool: 2}]", "kind: dense, columns: [p0]");
    CliFixture.Result noImage = train(images(40, 5), dense);
    assertThat(noImage.code()).isEqualTo(2);
    assertThat(noImage.err()).contains("tasks.square: a segmentation task's dense head reads the feature map",
        "exactly one group of kind: image; it has []");
    CliFixture.Result noClasses = train(images(40, 5), CONFIG.replace("classes: 2, ", ""));
    assertThat(noClasses.code()).isEqualTo(2);
    assertThat(noClasses.err()).contains("tasks.square.classes = 0: a segmentation task needs its pixel classes");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
