package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.ImageSet;
import io.mtl4j.data.MultiItemImages;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The study's data plumbing, model shapes and table; the runs themselves need ../shared/data and are reported. */
class SegmentationStudyTest {
  private static MultiItemImages.Built composites(int count) {
    SplittableRandom r = new SplittableRandom(4);
    byte[] px = new byte[10 * 28 * 28];
    for (int i = 0; i < px.length; i++) px[i] = (byte) r.nextInt(256);
    byte[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    ImageSet items = new ImageSet(10, 28, 28, px);
    return MultiItemImages.build(items, labels, items, labels, count, 28, 5);
  }

  @Test
  void dataHoldsTheTopLeftItemsClassAndEachPixelsOwner() {
    MultiItemImages.Built b = composites(6);
    Dataset both = SegmentationStudy.dataset(b, SegmentationStudy.TASKS);
    Dataset mask = SegmentationStudy.dataset(b, List.of("mask"));
    assertThat(both.labels("class").toArray()).containsExactly(b.left());
    assertThat(both.labels("mask").shape()).containsExactly(6, 28 * 28);
    assertThat(both.labels("mask").toArray()).containsExactly(b.masks());
    assertThat(mask.tasks()).containsExactly("mask");
    assertThat(((ImageRows) mask.groups().group("image")).pixels().toArray()).containsExactly(b.images().toArray());
  }

  @Test
  void theDenseHeadPredictsEveryPixelOfTheImageFromTheSevenBySevenMap() {
    MultiTaskModel m = MultiTaskModel.create(SegmentationStudy.spec(SegmentationStudy.TASKS), 1);
    // 28 → padded conv, pool 2 → 14 → padded conv, pool 2 → 7: the classifier reads 64·7·7 features.
    assertThat(m.spec().inputs()).isEqualTo(64 * 7 * 7);
    assertThat(m.parameters().get("head.mask.out.weight").shape()).containsExactly(64, 3, 4, 4);
    Dataset d = SegmentationStudy.dataset(composites(3), SegmentationStudy.TASKS);
    Graph g = new Graph(m.parameters(), null).begin(Mode.EVAL, new SplittableRandom(0));
    var logits = m.run(g, d.features(), d.groups(), m.allTasks()).logits();
    assertThat(logits[0].shape()).containsExactly(3, 10);
    assertThat(logits[1].shape()).containsExactly(3, 3 * 28 * 28);
  }

  @Test
  void tableAveragesEachModelOverSeedsAndLeavesTheTaskItLacksBlank() {
    List<SegmentationStudy.Run> runs = List.of(
        new SegmentationStudy.Run("shared-mtl", 1, 0.9, 0.7, 0.95, 10),
        new SegmentationStudy.Run("shared-mtl", 2, 0.8, 0.5, 0.85, 20),
        new SegmentationStudy.Run("single-class", 1, 0.6, Double.NaN, Double.NaN, 4));
    assertThat(SegmentationStudy.table(runs)).contains("| shared-mtl | 2 | 85.00 | 60.00 | 90.00 | 15 |")
        .contains("| single-class | 1 | 60.00 | – | – | 4 |");
    assertThat(SegmentationStudy.csv(runs)).contains("shared-mtl,2,mask,mean-iou,0.500000,20.0")
        .doesNotContain("single-class,1,mask");
  }
}
