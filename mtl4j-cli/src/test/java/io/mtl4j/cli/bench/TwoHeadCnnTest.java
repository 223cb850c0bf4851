package io.mtl4j.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.DataParallel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TwoHeadCnnTest {
  private static final int BATCH = 6;

  private static Tensor images(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(BATCH, 1, TwoHeadCnn.SIDE, TwoHeadCnn.SIDE);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) r.nextGaussian());
    return x;
  }

  private static Tensor[] labels(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor[] y = {Tensor.zeros(BATCH), Tensor.zeros(BATCH)};
    for (Tensor t : y) for (int i = 0; i < BATCH; i++) t.set(i, r.nextInt(10));
    return y;
  }

  @Test
  void adamStepsFitTheFixedBatch() {
    try (DataParallel parallel = new DataParallel(2)) {
      CnnStep step = new CnnStep(new TwoHeadCnn(2, 10, 42), parallel, images(1), labels(2));
      float first = step.run(), last = first;
      for (int s = 0; s < 15; s++) last = step.run();
      // two 10-class heads start near 2·ln 10 ≈ 4.6; fifteen steps memorise six images well below that
      assertThat(first).isCloseTo(2 * (float) Math.log(10), within(1f));
      assertThat(last).isLessThan(first / 2);
    }
  }

  @Test
  void twoWorkersComputeTheOneWorkerGradient() {
    float[] one, two;
    try (DataParallel parallel = new DataParallel(1)) {
      CnnStep step = new CnnStep(new TwoHeadCnn(2, 10, 42), parallel, images(3), labels(4));
      step.run();
      one = step.gradient().clone();
    }
    try (DataParallel parallel = new DataParallel(2)) {
      CnnStep step = new CnnStep(new TwoHeadCnn(2, 10, 42), parallel, images(3), labels(4));
      step.run();
      two = step.gradient().clone();
    }
    double norm = 0;
    for (float v : one) norm = Math.max(norm, Math.abs(v));
    // the same sums in another order: float32 rounding only
    for (int i = 0; i < one.length; i++) assertThat(two[i]).isCloseTo(one[i], within((float) (1e-4 * norm)));
    assertThat(norm).isGreaterThan(0);
  }

  /** bench/python/cnn_step.py's docstring: 8,707,375,104 flops per step at B = 128, T = 2, K = 10. */
  @Test
  void flopCountMatchesThePyTorchTwinsFormula() {
    assertThat(TwoHeadCnn.flopsPerStep(128, 2, 10)).isEqualTo(8_707_375_104.0);
  }
}
