package io.mtl4j.autodiff;

import static io.mtl4j.autodiff.MatMulTest.random;
import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BatchNormTest {
  private static final float EPS = 1e-5f;

  static LongStream seeds() {
    return LongStream.range(1, 7);
  }

  /** At least 6 values per channel: with fewer the batch variance is tiny and a finite-difference step is not small. */
  private static int[] shape(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return new int[] {2 + r.nextInt(3), 1 + r.nextInt(3), 2 + r.nextInt(3), 3 + r.nextInt(2)};
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void trainModeHasCorrectGradients(long seed) {
    int[] x = shape(seed);
    assertGradients(v -> BatchNorm.train(v[0], v[1], v[2], EPS, null, null), seed, x, new int[] {x[1]}, new int[] {x[1]});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void evalModeHasCorrectGradients(long seed) {
    int[] x = shape(seed);
    SplittableRandom r = new SplittableRandom(seed);
    Tensor mean = random(r, x[1]), variance = random(r, x[1]);
    for (int c = 0; c < x[1]; c++) variance.set(c, 0.5f + Math.abs(variance.get(c)));
    assertGradients(v -> BatchNorm.eval(v[0], v[1], v[2], mean, variance, EPS), seed, x, new int[] {x[1]},
        new int[] {x[1]});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void trainModeOutputHasGammaScaleAndBetaMeanPerChannel(long seed) {
    int[] s = shape(seed);
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = random(r, s), gamma = random(r, s[1]), beta = random(r, s[1]);
    float[] batchMean = new float[s[1]];
    Tape tape = new Tape();
    Tensor y = BatchNorm.train(tape.constant(x), tape.constant(gamma), tape.constant(beta), EPS, batchMean, null).value();
    int hw = s[2] * s[3], count = s[0] * hw;
    for (int c = 0; c < s[1]; c++) {
      double mean = 0, square = 0, xMean = 0;
      for (int n = 0; n < s[0]; n++) {
        for (int p = 0; p < hw; p++) {
          int i = (n * s[1] + c) * hw + p;
          mean += y.get(i) / count;
          square += (double) (y.get(i) - beta.get(c)) * (y.get(i) - beta.get(c)) / count;
          xMean += x.get(i) / count;
        }
      }
      assertThat(mean).isCloseTo(beta.get(c), offset(1e-5));
      // the output's spread is |γ|, less the share ε takes from the variance (values in ±1: ε/σ² ≲ 1e-3)
      assertThat(Math.sqrt(square)).isCloseTo(Math.abs(gamma.get(c)), offset(2e-3));
      assertThat(batchMean[c]).isCloseTo((float) xMean, offset(1e-6f));
    }
  }

  @Test
  void evalModeNormalisesWithTheRunningStatistics() {
    Tape tape = new Tape();
    Var x = tape.constant(Tensor.of(new float[] {1, 3, 5, 7}, 1, 1, 2, 2));
    Var gamma = tape.constant(Tensor.of(new float[] {2}, 1)), beta = tape.constant(Tensor.of(new float[] {1}, 1));
    // (x − 3)/√(4 + 0) · 2 + 1 with ε negligible
    Tensor y = BatchNorm.eval(x, gamma, beta, Tensor.of(new float[] {3}, 1), Tensor.of(new float[] {4}, 1), 1e-12f)
        .value();
    assertThat(y.toArray()).containsExactly(-1f, 1f, 3f, 5f);
  }
}
