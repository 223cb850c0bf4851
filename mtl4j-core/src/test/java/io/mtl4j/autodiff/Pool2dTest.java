package io.mtl4j.autodiff;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Permutations;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Pool2dTest {
  static LongStream seeds() {
    return LongStream.range(1, 9);
  }

  private static int[] image(SplittableRandom r, int kernel) {
    return new int[] {1 + r.nextInt(3), 1 + r.nextInt(3), kernel + r.nextInt(5), kernel + r.nextInt(5)};
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void maxPoolHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int kernel = 1 + r.nextInt(3), stride = 1 + r.nextInt(3);
    int[] shape = image(r, kernel);
    // Pixels are spread 3 apart by a fixed permutation (inputs lie in ±1): a finite-difference step never changes
    // which pixel is a window's maximum, so max is differentiable where it is probed.
    Tensor spread = Tensor.zeros(shape);
    int[] order = Permutations.shuffled(spread.size(), r);
    for (int i = 0; i < order.length; i++) spread.set(i, 3f * order[i]);
    assertGradients(v -> Pool2d.max(Elementwise.add(v[0], v[0].tape().constant(spread)), kernel, stride), seed, shape);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void averagePoolHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int kernel = 1 + r.nextInt(3), stride = 1 + r.nextInt(3);
    assertGradients(v -> Pool2d.average(v[0], kernel, stride), seed, image(r, kernel));
  }

  @Test
  void poolsTwoByTwoWindowsByHand() {
    // one 4×4 plane; windows (stride 2): [1 2 5 6], [3 4 7 8], [9 10 13 14], [11 12 15 16] with 6 → -6
    float[] x = {1, 2, 3, 4, 5, -6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    Tape tape = new Tape();
    Var in = tape.constant(Tensor.of(x, 1, 1, 4, 4));
    assertThat(Pool2d.max(in, 2, 2).value().toArray()).containsExactly(5, 8, 14, 16);
    assertThat(Pool2d.average(in, 2, 2).value().toArray()).containsExactly(0.5f, 5.5f, 11.5f, 13.5f);
    assertThat(Pool2d.max(in, 3, 1).value().toArray()).containsExactly(11, 12, 15, 16);
  }

  @Test
  void maxPoolGradientGoesToTheWinnerOnly() {
    Tape tape = new Tape();
    Var in = tape.variable(Tensor.of(new float[] {1, 4, 3, 2}, 1, 1, 2, 2));
    tape.backward(Reduce.sum(Pool2d.max(in, 2, 2)));
    assertThat(in.grad().toArray()).containsExactly(0, 1, 0, 0);
  }

  @Test
  void rejectsKernelLargerThanImage() {
    Tape tape = new Tape();
    assertThatThrownBy(() -> Pool2d.max(tape.constant(Tensor.zeros(1, 1, 2, 3)), 3, 1))
        .hasMessageContaining("maxPool2d: kernel 3 is larger than the 2×3 image");
  }
}
