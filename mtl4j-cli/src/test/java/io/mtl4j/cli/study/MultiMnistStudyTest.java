package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.CliRunner;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.ImageSet;
import io.mtl4j.data.MultiItemImages;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The study's data plumbing and table; the runs themselves need ../shared/data and are reported, not tested. */
class MultiMnistStudyTest {
  private static ImageSet items(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] px = new byte[n * 28 * 28];
    for (int i = 0; i < px.length; i++) px[i] = (byte) r.nextInt(256);
    return new ImageSet(n, 28, 28, px);
  }

  @Test
  void aPartKeepsExactlyItsImages() {
    ImageSet all = items(10, 1);
    ImageSet part = MultiMnistStudy.part(all, 4, 7);
    assertThat(part.count()).isEqualTo(3);
    for (int y = 0; y < 28; y++) {
      for (int x = 0; x < 28; x++) assertThat(part.at(1, y, x)).isEqualTo(all.at(5, y, x));
    }
  }

  @Test
  void singleTaskDataSeesTheSameImagesAndOnlyItsLabels() {
    byte[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    MultiItemImages.Built b = MultiMnistStudy.composites(items(10, 2), labels, 12, 3);
    Dataset both = MultiMnistStudy.dataset(b, MultiMnistStudy.TASKS);
    Dataset right = MultiMnistStudy.dataset(b, List.of("right"));
    assertThat(both.rows()).isEqualTo(12);
    assertThat(right.tasks()).containsExactly("right");
    assertThat(((ImageRows) right.groups().group("image")).pixels().toArray())
        .containsExactly(b.images().toArray());
    assertThat(both.labels("left").toArray()).containsExactly(b.left());
  }

  @Test
  void theSpecEncodesTheTrunkToTheSharedLayer() {
    MultiTaskModel m = MultiTaskModel.create(MultiMnistStudy.spec(MultiMnistStudy.TASKS), 1);
    // 28 → conv (padding 1) 28 → pool 14 → conv 12 → pool 6: 64·6·6 features.
    assertThat(m.spec().inputs()).isEqualTo(64 * 6 * 6);
    assertThat(m.parameters().get("encoder.image.norm1.running_mean")).isNotNull();
  }

  /**
   * The right-hand item lies in the bottom-right corner: a pooling that drops the map's last row and column (an odd
   * side such as 11 → 5) would hide its last pixels from both heads.
   */
  @ParameterizedTest
  @CsvSource({"0, 0", "27, 27", "0, 27", "27, 0"})
  void everyCornerPixelReachesBothHeads(int y, int x) {
    MultiTaskModel m = MultiTaskModel.create(MultiMnistStudy.spec(MultiMnistStudy.TASKS), 1);
    SplittableRandom r = new SplittableRandom(4);
    float[] image = new float[28 * 28];
    for (int i = 0; i < image.length; i++) image[i] = (float) r.nextDouble();
    float[] changed = image.clone();
    changed[y * 28 + x] += 1f;
    Map<String, Tensor> before = predict(m, image), after = predict(m, changed);
    for (String t : MultiMnistStudy.TASKS) {
      assertThat(after.get(t).toArray()).as(t).isNotEqualTo(before.get(t).toArray());
    }
  }

  private static Map<String, Tensor> predict(MultiTaskModel m, float[] image) {
    ImageRows rows = new ImageRows(Tensor.of(image, 1, 28 * 28), 1, 28, 28);
    return m.predict(null, FeatureRows.of(Map.of("image", rows)), 1);
  }

  @Test
  void tableAveragesOverSeedsPerDataAndModel() {
    List<MultiMnistStudy.Run> runs = List.of(
        new MultiMnistStudy.Run("multimnist", "shared-mtl", 1, 4, new double[] {0.9, 0.8}, 10),
        new MultiMnistStudy.Run("multimnist", "shared-mtl", 2, 4, new double[] {0.7, 0.6}, 30),
        new MultiMnistStudy.Run("multimnist", "single-task", 1, 4, new double[] {0.5, 0.5}, 50));
    assertThat(MultiMnistStudy.table(runs)).contains("| multimnist | shared-mtl | 2 | 4 | 80.00 | 70.00 | 75.00 | 20 |")
        .contains("| multimnist | single-task | 1 | 4 | 50.00 | 50.00 | 50.00 | 50 |");
  }

  @Test
  void rejectsAnUnknownDataSetBeforeReadingAnything(@TempDir Path dir) {
    CliRunner.Result r = CliRunner.run("study", "multimnist", "--data-dir", dir.toString(), "--data", "multimnist,cifar",
        "--out", dir.resolve("out").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--data").contains("'cifar'").contains("multi-fashion");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
