package io.mtl4j.arch;

import static io.mtl4j.testkit.GradCheck.ABS_TOL;
import static io.mtl4j.testkit.GradCheck.EPS;
import static io.mtl4j.testkit.GradCheck.REL_TOL;
import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.mtl4j.autodiff.Var;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.ImageFixtures;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.task.loss.PixelCrossEntropy;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A feature map [B, C, h, w] → 1×1 conv tower → transposed conv → per-pixel logits [B, K·H·W] at the image size. */
class DenseHeadTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void logitsHaveOnePlanePerClassAtTheImageSizeAndPixelProbabilitiesSumToOne(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int rows = 1 + r.nextInt(4), classes = 2 + r.nextInt(3), c = 1 + r.nextInt(4), h = 1 + r.nextInt(3),
        w = 1 + r.nextInt(3), f = 1 + r.nextInt(3);
    TaskType.Segmentation type = new TaskType.Segmentation(classes, f * h, f * w);
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    int[] hidden = r.nextBoolean() ? new int[0] : new int[] {1 + r.nextInt(4)};
    DenseHead head = new DenseHead(b, "head.mask", new int[] {c, h, w}, new Head.Options(hidden), type, 0);
    Graph g = new Graph(b.build(seed), null).begin(Mode.EVAL, new SplittableRandom(0));
    Var logits = head.forward(g, new TaskHead.Input(null, g.input(map(r, rows, c, h, w))));
    assertThat(logits.shape()).containsExactly(rows, classes * f * h * f * w);
    float[] p = logits.value().toArray();
    type.activate(p, 0, rows);
    int pixels = type.pixels();
    for (int n = 0; n < rows; n++) {
      for (int q = 0; q < pixels; q++) {
        double sum = 0;
        for (int k = 0; k < classes; k++) sum += p[(n * classes + k) * pixels + q];
        assertThat(sum).as("image %d pixel %d", n, q).isCloseTo(1.0, offset(1e-5));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gradientsOfTheWholeHeadUnderTheMaskedPixelLossMatchFiniteDifferences(long seed) {
    // [3, 5, 2, 2] map → tanh 1×1 conv of 4 → 3 classes at 6×6 (f = 3); image 1 unlabelled, some pixels ignored.
    TaskType.Segmentation type = new TaskType.Segmentation(3, 6, 6);
    ParameterBuffer.Builder b = ParameterBuffer.builder();
    DenseHead head = new DenseHead(b, "head.mask", new int[] {5, 2, 2},
        new Head.Options(new int[] {4}, Activation.TANH, 0), type, 0);
    ParameterBuffer buffer = b.build(seed);
    SplittableRandom r = new SplittableRandom(seed);
    Tensor labels = Tensor.zeros(3, 36);
    for (int i = 0; i < labels.size(); i++) labels.set(i, r.nextInt(5) == 0 ? PixelCrossEntropy.IGNORE : r.nextInt(3));
    LabelMask mask = new LabelMask(Tensor.of(new float[] {1, 0, 1}, 3), 2);
    Graph frozen = new Graph(buffer, null);
    assertGradients(v -> loss(head, frozen.begin(Mode.EVAL, new SplittableRandom(0)), v[0], labels, mask), seed,
        new int[] {3, 5, 2, 2});

    Tensor input = map(r, 3, 5, 2, 2);
    float[] analytic = new float[buffer.size()];
    Graph g = new Graph(buffer, analytic).begin(Mode.TRAIN, new SplittableRandom(0));
    g.tape().backward(loss(head, g, g.input(input), labels, mask));
    float[] values = buffer.values();
    for (int i = 0; i < values.length; i++) {
      float saved = values[i];
      values[i] = (float) (saved + EPS);
      double up = loss(head, frozen.begin(Mode.EVAL, new SplittableRandom(0)), frozen.input(input), labels, mask).item();
      values[i] = (float) (saved - EPS);
      double down = loss(head, frozen.begin(Mode.EVAL, new SplittableRandom(0)), frozen.input(input), labels, mask)
          .item();
      values[i] = saved;
      double numeric = (up - down) / (2 * EPS);
      int at = i;
      String name = buffer.parameters().stream().filter(p -> p.offset() <= at && at < p.offset() + p.size())
          .findFirst().orElseThrow().name();
      assertThat(Math.abs(analytic[i] - numeric)).as("d/d %s at %d: analytic %s vs numeric %s", name, i,
          analytic[i], numeric).isLessThanOrEqualTo(ABS_TOL + REL_TOL * Math.abs(numeric));
    }
  }

  private static Var loss(DenseHead head, Graph g, Var map, Tensor labels, LabelMask mask) {
    return new PixelCrossEntropy().loss(head.forward(g, new TaskHead.Input(null, map)), labels, mask);
  }

  private static Tensor map(SplittableRandom r, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) t.set(i, (float) r.nextDouble(-1, 1));
    return t;
  }

  @Test
  void aFeatureMapThatDoesNotTileTheImageIsRefused() {
    // 8×8 → conv 3×3 unpadded → 6×6 → pool 2 → 3×3: 8 is no multiple of 3.
    InputSpec trunk = new InputSpec(List.of(ImageFixtures.spec(false, false)));
    assertThatThrownBy(() -> MultiTaskModel.create(ModelSpec.of(trunk, List.of(DenseFixtures.mask()),
        new SharedBottom.Options(), null), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dense head 'head.mask': the feature map is 3×3 but the task predicts 8×8 pixels");
  }

  @Test
  void aSegmentationNeedsExactlyOneSharedImageGroupOfItsSize() {
    Task mask = DenseFixtures.mask();
    assertThatThrownBy(() -> MultiTaskModel.create(new ModelSpec(4, List.of(mask), new SharedBottom.Options(), null), 1))
        .hasMessageContaining("task 'mask' is a segmentation").hasMessageContaining("needs exactly one; it has []");
    InputSpec small = new InputSpec(List.of(new ImageEncoder.Spec("img", 1, 4, 4,
        List.of(new ImageEncoder.Layer(2, 3, 1, 1, 2, false)), false, false)));
    assertThatThrownBy(() -> MultiTaskModel.create(ModelSpec.of(small, List.of(mask), new SharedBottom.Options(), null),
        1)).hasMessageContaining("task 'mask' segments 8×8 pixels but image group 'img' holds 4×4 images");
  }
}
