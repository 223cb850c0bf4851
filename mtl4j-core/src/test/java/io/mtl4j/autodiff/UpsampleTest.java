package io.mtl4j.autodiff;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UpsampleTest {
  static LongStream seeds() {
    return LongStream.range(1, 7);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void upsampleHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] shape = {1 + r.nextInt(2), 1 + r.nextInt(3), 1 + r.nextInt(4), 1 + r.nextInt(4)};
    int factor = 1 + r.nextInt(3);
    for (Upsample.Mode mode : Upsample.Mode.values()) {
      assertGradients(v -> Upsample.upsample(v[0], factor, mode), seed, shape);
    }
  }

  @Test
  void nearestRepeatsEachPixel() {
    Tape tape = new Tape();
    Tensor y = Upsample.upsample(tape.constant(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2)), 2,
        Upsample.Mode.NEAREST).value();
    assertThat(y.toArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4);
  }

  @Test
  void bilinearMatchesPyTorchAlignCornersFalse() {
    // torch.nn.functional.interpolate(torch.tensor([[[[1., 2.], [3., 4.]]]]), scale_factor=2, mode="bilinear")
    float[] torch = {1.00f, 1.25f, 1.75f, 2.00f, 1.50f, 1.75f, 2.25f, 2.50f,
        2.50f, 2.75f, 3.25f, 3.50f, 3.00f, 3.25f, 3.75f, 4.00f};
    Tape tape = new Tape();
    Tensor y = Upsample.upsample(tape.constant(Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2)), 2,
        Upsample.Mode.BILINEAR).value();
    for (int i = 0; i < torch.length; i++) assertThat(y.get(i)).isCloseTo(torch[i], offset(1e-6f));
  }
}
