package io.mtl4j.task.loss;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.autodiff.Tape;
import io.mtl4j.autodiff.Var;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Losses;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PixelCrossEntropyTest {
  private static final float I = PixelCrossEntropy.IGNORE;
  private final PixelCrossEntropy loss = new PixelCrossEntropy();

  private float value(float[] logits, int[] shape, float[] labels, float[] rowMask) {
    Tape tape = new Tape();
    int rows = shape[0];
    int count = 0;
    for (float v : rowMask) count += v != 0 ? 1 : 0;
    Var z = tape.variable(Tensor.of(logits, shape));
    return loss.loss(z, Tensor.of(labels, rows, labels.length / rows), new LabelMask(Tensor.of(rowMask, rows), count))
        .item();
  }

  @Test
  void averagesLabelledPixelsPerImageThenImages() {
    // image 0, K = 2 classes over 3 pixels (channel-major): class-0 logits [0, 1, 5], class-1 logits [0, 0, -5]
    // labels [1, 0, ignored]: pixel 0 → log 2; pixel 1 → log(1 + e^-1); pixel 2 does not count
    // image 1 is masked out and its wild logits and labels change nothing
    float[] z = {0, 1, 5, 0, 0, -5, 99, -99, 99, -99, 99, -99};
    float[] y = {1, 0, I, 0, 1, 0};
    double image0 = (Math.log(2) + Math.log1p(Math.exp(-1))) / 2;
    assertThat(value(z, new int[] {2, 2, 1, 3}, y, new float[] {1, 0})).isCloseTo((float) image0, offset(1e-6f));
  }

  @Test
  void imagesWeighTheSameWhateverTheirLabelledPixels() {
    // image 0 has one labelled pixel with loss log 2, image 1 three with loss 0-ish: the mean is over images
    float[] z = {0, 0, 0, 0, 0, 0, 20, 20, 20, 0, 0, 0};
    float[] y = {0, I, I, 0, 0, 0};
    assertThat(value(z, new int[] {2, 2, 3}, y, new float[] {1, 1})).isCloseTo((float) Math.log(2) / 2, offset(1e-6f));
  }

  /** With no pixel ignored it is the plain cross-entropy over all B·H·W pixels, as PyTorch's mean reduction. */
  @ParameterizedTest
  @MethodSource("seeds")
  void equalsCrossEntropyOverPixelRowsWhenNothingIsIgnored(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int b = 1 + r.nextInt(3), k = 2 + r.nextInt(3), p = 1 + r.nextInt(6);
    float[] z = new float[b * k * p], y = new float[b * p], rows = new float[b * p * k];
    for (int i = 0; i < z.length; i++) z[i] = (float) r.nextGaussian();
    for (int i = 0; i < y.length; i++) y[i] = r.nextInt(k);
    for (int n = 0; n < b; n++) {
      for (int c = 0; c < k; c++) for (int q = 0; q < p; q++) rows[(n * p + q) * k + c] = z[(n * k + c) * p + q];
    }
    Tape tape = new Tape();
    float perRow = new SoftmaxCrossEntropy().loss(tape.variable(Tensor.of(rows, b * p, k)), Tensor.of(y, b * p),
        LabelMask.all(b * p)).item();
    float dense = loss.loss(tape.variable(Tensor.of(z, b, k, p)), Tensor.of(y, b, p), LabelMask.all(b)).item();
    assertThat(dense).isCloseTo(perRow, offset(1e-5f));
  }

  static LongStream seeds() {
    return LongStream.range(1, 6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void hasCorrectGradientsWithIgnoredPixelsAndMaskedRows(long seed) {
    Tensor labels = Tensor.of(new float[] {2, I, 0, 1, 1, 1, I, I, 0, 2, 2, I}, 3, 4);
    LabelMask mask = new LabelMask(Tensor.of(new float[] {1, 0, 1}, 3), 2);
    assertGradients(v -> loss.loss(v[0], labels, mask), seed, new int[] {3, 3, 2, 2});
  }

  @Test
  void rejectsALabelThatIsNeitherAClassNorIgnoredNamingRowAndPixel() {
    Tape tape = new Tape();
    Var z = tape.variable(Tensor.zeros(1, 2, 1, 2));
    assertThatThrownBy(() -> loss.loss(z, Tensor.of(new float[] {0, 2}, 1, 2), LabelMask.all(1)))
        .hasMessageContaining("label 2.0 of pixel 1 in row 0 is neither a class index in [0, 1] nor -1.0");
    assertThatThrownBy(() -> loss.loss(z, Tensor.of(new float[] {0, 1, 1}, 1, 3), LabelMask.all(1)))
        .hasMessageContaining("do not agree");
  }

  @Test
  void isRegistered() {
    assertThat(Losses.byName("pixel-cross-entropy")).isInstanceOf(PixelCrossEntropy.class);
  }
}
