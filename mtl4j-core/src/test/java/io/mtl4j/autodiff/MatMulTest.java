package io.mtl4j.autodiff;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MatMulTest {
  static LongStream seeds() {
    return LongStream.range(1, 7);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void matmulHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int m = 1 + r.nextInt(9), k = 1 + r.nextInt(40), n = 1 + r.nextInt(30);
    assertGradients(v -> MatMul.matmul(v[0], v[1]), seed, new int[] {m, k}, new int[] {k, n});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void linearHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int b = 1 + r.nextInt(12), in = 1 + r.nextInt(30), out = 1 + r.nextInt(20);
    assertGradients(v -> MatMul.linear(v[0], v[1], v[2]), seed, new int[] {b, in}, new int[] {in, out}, new int[] {out});
    assertGradients(v -> MatMul.linear(v[0], v[1], null), seed, new int[] {b, in}, new int[] {in, out});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void blockLinearHasCorrectGradients(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int b = 1 + r.nextInt(6), e = 1 + r.nextInt(4), in = 1 + r.nextInt(6), out = 1 + r.nextInt(5);
    assertGradients(v -> MatMul.blockLinear(v[0], v[1], v[2], e), seed,
        new int[] {b, e * in}, new int[] {e * in, out}, new int[] {e * out});
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fusedLinearReluEqualsReluOfLinearBitForBit(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int b = 1 + r.nextInt(40), in = 1 + r.nextInt(30), out = 1 + r.nextInt(50);
    Tensor x = random(r, b, in), w = random(r, in, out), bias = random(r, out), seedGrad = random(r, b, out);
    float[][] fused = forwardBackward(x, w, bias, seedGrad, true), plain = forwardBackward(x, w, bias, seedGrad, false);
    for (int i = 0; i < fused.length; i++) assertThat(fused[i]).containsExactly(plain[i]);
  }

  private static float[][] forwardBackward(Tensor x, Tensor w, Tensor bias, Tensor seedGrad, boolean fused) {
    Tape tape = new Tape();
    Var xv = tape.variable(x), wv = tape.variable(w), bv = tape.variable(bias);
    Var y = fused ? MatMul.linearRelu(xv, wv, bv) : Elementwise.relu(MatMul.linear(xv, wv, bv));
    tape.backward(java.util.Map.of(y, seedGrad), java.util.Set.of());
    return new float[][] {y.value().toArray(), xv.grad().toArray(), wv.grad().toArray(), bv.grad().toArray()};
  }

  @Test
  void blockLinearEqualsSeparateLayersPerBlock() {
    SplittableRandom r = new SplittableRandom(3);
    int b = 5, e = 3, in = 4, out = 2;
    Tensor x = random(r, b, e * in), w = random(r, e * in, out), bias = random(r, e * out);
    Tape tape = new Tape();
    Tensor y = MatMul.blockLinear(tape.constant(x), tape.constant(w), tape.constant(bias), e).value();
    for (int row = 0; row < b; row++) {
      for (int k = 0; k < e; k++) {
        for (int j = 0; j < out; j++) {
          double s = bias.get(k * out + j);
          for (int i = 0; i < in; i++) s += x.get(row * e * in + k * in + i) * w.get((k * in + i) * out + j);
          assertThat(y.get(row * e * out + k * out + j)).isCloseTo((float) s, org.assertj.core.data.Offset.offset(1e-4f));
        }
      }
    }
  }

  @Test
  void largeProductsThroughBlasMatchTheNaiveLoop() {
    SplittableRandom r = new SplittableRandom(7);
    Tensor a = random(r, 64, 70), b = random(r, 70, 33);
    Tape tape = new Tape();
    Tensor c = MatMul.matmul(tape.constant(a), tape.constant(b)).value();
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < 33; j++) {
        double s = 0;
        for (int p = 0; p < 70; p++) s += a.get(i * 70 + p) * b.get(p * 33 + j);
        assertThat((double) c.get(i * 33 + j)).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-3));
      }
    }
  }

  @Test
  void innerDimensionMismatchNamesBothShapes() {
    Tape tape = new Tape();
    Var a = tape.variable(Tensor.zeros(64, 128));
    Var b = tape.variable(Tensor.zeros(64, 16));
    assertThatThrownBy(() -> MatMul.matmul(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("matmul: [64,128] × [64,16]: inner dims 128 ≠ 64");
  }

  static Tensor random(SplittableRandom r, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) t.set(i, (float) r.nextDouble(-1, 1));
    return t;
  }
}
