package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.task.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A segmentation task's labels: one class column per pixel of the model's image group, fitted and saved. */
class SegmentationLabelsTest {
  /** 2×2 images (p0..p3) with 3-class masks (m0..m3); empty cells are unlabelled pixels. */
  private static Table table() {
    Table t = new Table("mem.csv", List.of("p0", "p1", "p2", "p3", "m0", "m1", "m2", "m3"));
    String[][] rows = {
        {"0", "9", "9", "0", "0", "2", "1", "0"}, {"9", "0", "0", "9", "1", null, "0", "2"},
        {"1", "2", "3", "4", null, null, null, null}};
    for (int i = 0; i < rows.length; i++) t.add(rows[i], i + 2);
    return t;
  }

  private static final LabelSpec MASK = new LabelSpec("mask", "segmentation", List.of("m0..m3"), null, null, false, 3);

  private static List<InputGroupOptions> image(int height, int width) {
    return List.of(new InputGroupOptions.Image("image", List.of("p0", "p1", "p2", "p3"), 255, new ImageEncoder.Spec("image", 1,
        height, width, List.of(new ImageEncoder.Layer(2, 1, 1, 0, 1, false)), false, false)));
  }

  private static Preprocessing fit(List<InputGroupOptions> inputs) {
    return Preprocessing.fit(table(), new int[] {0, 1, 2}, FeatureOptions.defaults(), List.of(MASK), inputs);
  }

  @Test
  void pixelsAreClassIndicesAnEmptyCellIsUnlabelledAndARowWithoutLabelsIsMasked() {
    Preprocessing p = fit(image(2, 2));
    assertThat(MASK.columns()).containsExactly("m0", "m1", "m2", "m3");
    assertThat(p.labels().get(0).taskType()).isEqualTo(new TaskType.Segmentation(3, 2, 2));
    Dataset d = p.dataset(table(), new int[] {0, 1, 2});
    assertThat(d.labels("mask").shape()).containsExactly(3, 4);
    assertThat(d.labels("mask").toArray()).containsExactly(0, 2, 1, 0, 1, -1, 0, 2, -1, -1, -1, -1);
    assertThat(d.mask("mask").toArray()).containsExactly(1, 1, 0);
  }

  @Test
  void theSavedEncoderKeepsTheMasksClassesAndSize() {
    Preprocessing p = fit(image(2, 2));
    Preprocessing back = Preprocessing.fromMap(p.toMap());
    assertThat(back.labels()).isEqualTo(p.labels());
    assertThat(back.labels().get(0).taskType()).isEqualTo(new TaskType.Segmentation(3, 2, 2));
  }

  @Test
  void refusesAMaskOfAnotherSizeThanTheImagesOrWithoutAnImageGroup() {
    assertThatThrownBy(() -> fit(List.of()))
        .hasMessageContaining("tasks.mask: a segmentation task's dense head reads the feature map");
    LabelSpec wide = new LabelSpec("mask", "segmentation", List.of("m0..m2"), null, null, false, 3);
    assertThatThrownBy(() -> Preprocessing.fit(table(), new int[] {0}, FeatureOptions.defaults(), List.of(wide),
        image(2, 2))).hasMessageContaining("tasks.mask.columns: 3 mask columns, but image group 'image' holds 2×2 = 4");
  }

  @Test
  void refusesAClassOutsideTheTasksClassesNamingTheCell() {
    LabelSpec binary = new LabelSpec("mask", "segmentation", List.of("m0..m3"), null, null, false, 2);
    Preprocessing p = Preprocessing.fit(table(), new int[] {0}, FeatureOptions.defaults(), List.of(binary), image(2, 2));
    assertThatThrownBy(() -> p.dataset(table(), new int[] {0}))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("mem.csv:2:6", "mask column 'm1' has the value '2', expected a pixel class in [0, 1]");
  }

  @Test
  void classesBelongToSegmentationTasksOnly() {
    assertThatThrownBy(() -> new LabelSpec("m", "segmentation", List.of("a"), null, null, false, 1))
        .hasMessageContaining("tasks.m.classes = 1: a segmentation task needs its pixel classes");
    assertThatThrownBy(() -> new LabelSpec("y", "binary", List.of("a"), null, null, false, 3))
        .hasMessageContaining("tasks.y.classes = 3: classes applies to segmentation tasks only");
    assertThat(MASK.labelWidth()).isEqualTo(4);
  }
}
