package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.ImageSet;
import io.mtl4j.data.MultiItemImages;
import io.mtl4j.encode.ImageRows;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

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
    // 28 → conv 26 → pool 13 → conv 11 → pool 5: 64·5·5 features.
    assertThat(m.spec().inputs()).isEqualTo(64 * 5 * 5);
    assertThat(m.parameters().get("encoder.image.norm1.running_mean")).isNotNull();
  }

  @Test
  void tableAveragesOverSeedsPerDataAndModel() {
    List<MultiMnistStudy.Run> runs = List.of(
        new MultiMnistStudy.Run("multimnist", "shared-mtl", 1, new double[] {0.9, 0.8}, 1),
        new MultiMnistStudy.Run("multimnist", "shared-mtl", 2, new double[] {0.7, 0.6}, 1),
        new MultiMnistStudy.Run("multimnist", "single-task", 1, new double[] {0.5, 0.5}, 1));
    assertThat(MultiMnistStudy.table(runs)).contains("| multimnist | shared-mtl | 2 | 80.00 | 70.00 | 75.00 |")
        .contains("| multimnist | single-task | 1 | 50.00 | 50.00 | 50.00 |");
  }
}
