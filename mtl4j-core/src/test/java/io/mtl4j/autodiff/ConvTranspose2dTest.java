package io.mtl4j.autodiff;

import static io.mtl4j.autodiff.MatMulTest.random;
import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConvTranspose2dTest {
  static LongStream seeds() {
    return LongStream.range(1, 9);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void convTranspose2dHasCorrectGradients(long seed) {
    Conv2dTest.Case k = Conv2dTest.Case.draw(seed, 5);
    int padding = Math.min(k.padding(), (Math.min(k.kh(), k.kw()) - 1) / 2); // keeps the output non-empty for every drawn shape
    int[] x = {k.n(), k.f(), k.h(), k.w()}, w = {k.f(), k.c(), k.kh(), k.kw()};
    assertGradients(v -> ConvTranspose2d.convTranspose2d(v[0], v[1], v[2], k.stride(), padding), seed, x, w,
        new int[] {k.c()});
  }

  /**
   * With the same weight W, ⟨convT(x), y⟩ = ⟨x, conv(y)⟩ for every x and y: the transposed convolution is the adjoint
   * of the convolution, which is its definition.
   */
  @ParameterizedTest
  @MethodSource("seeds")
  void isTheAdjointOfConv2d(long seed) {
    Conv2dTest.Case k = Conv2dTest.Case.draw(seed, 12);
    int s = k.stride(), p = k.padding();
    // Sizes with (H + 2p − kh) divisible by the stride: there the transposed output has exactly the image's shape.
    int h = k.h() + (s - (k.h() + 2 * p - k.kh()) % s) % s, wd = k.w() + (s - (k.w() + 2 * p - k.kw()) % s) % s;
    SplittableRandom r = new SplittableRandom(seed + 7);
    Tensor w = random(r, k.f(), k.c(), k.kh(), k.kw());
    Tensor image = random(r, k.n(), k.c(), h, wd);
    Tape tape = new Tape();
    Tensor conv = Conv2d.conv2d(tape.constant(image), tape.constant(w), null, s, p).value();
    Tensor features = random(r, conv.shape());
    Tensor up = ConvTranspose2d.convTranspose2d(tape.constant(features), tape.constant(w), null, s, p).value();
    assertThat(up.shape()).containsExactly(image.shape());
    assertThat(dot(up, image)).isCloseTo(dot(features, conv), Offset.offset(1e-3));
  }

  @Test
  void stride2Kernel2DoublesTheImage() {
    Tape tape = new Tape();
    Tensor out = ConvTranspose2d.convTranspose2d(tape.constant(Tensor.zeros(2, 4, 7, 7)),
        tape.constant(Tensor.zeros(4, 3, 2, 2)), null, 2, 0).value();
    assertThat(out.shape()).containsExactly(2, 3, 14, 14);
  }

  @Test
  void kernelOfOnesSpreadsEachPixelOverItsBlock() {
    Tape tape = new Tape();
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2), w = Tensor.zeros(1, 1, 2, 2).fill(1f);
    Tensor out = ConvTranspose2d.convTranspose2d(tape.constant(x), tape.constant(w), null, 2, 0).value();
    assertThat(out.toArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
  }

  private static double dot(Tensor a, Tensor b) {
    double s = 0;
    for (int i = 0; i < a.size(); i++) s += (double) a.get(i) * b.get(i);
    return s;
  }
}
