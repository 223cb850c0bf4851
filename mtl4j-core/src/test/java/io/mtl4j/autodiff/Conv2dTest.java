package io.mtl4j.autodiff;

import static io.mtl4j.autodiff.MatMulTest.random;
import static io.mtl4j.testkit.GradCheck.assertGradients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2dTest {
  static LongStream seeds() {
    return LongStream.range(1, 9);
  }

  /** A random convolution problem: shapes, stride 1–2 and padding 0–2 drawn from the seed. */
  record Case(int n, int c, int h, int w, int f, int kh, int kw, int stride, int padding) {
    static Case draw(long seed, int maxImage) {
      SplittableRandom r = new SplittableRandom(seed);
      int kh = 1 + r.nextInt(3), kw = 1 + r.nextInt(3), padding = r.nextInt(3);
      int h = Math.max(kh, 1 + r.nextInt(maxImage)), w = Math.max(kw, 1 + r.nextInt(maxImage));
      return new Case(1 + r.nextInt(3), 1 + r.nextInt(3), h, w, 1 + r.nextInt(4), kh, kw, 1 + r.nextInt(2), padding);
    }

    int[] input() {
      return new int[] {n, c, h, w};
    }

    int[] weight() {
      return new int[] {f, c, kh, kw};
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void conv2dHasCorrectGradients(long seed) {
    Case k = Case.draw(seed, 6);
    assertGradients(v -> Conv2d.conv2d(v[0], v[1], v[2], k.stride, k.padding), seed, k.input(), k.weight(),
        new int[] {k.f});
    assertGradients(v -> Conv2d.conv2d(v[0], v[1], null, k.stride, k.padding), seed, k.input(), k.weight());
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void conv2dEqualsNaiveDirectConvolution(long seed) {
    Case k = Case.draw(seed, 20);
    SplittableRandom r = new SplittableRandom(seed + 100);
    Tensor x = random(r, k.input()), w = random(r, k.weight()), b = random(r, k.f);
    Tape tape = new Tape();
    Tensor got = Conv2d.conv2d(tape.constant(x), tape.constant(w), tape.constant(b), k.stride, k.padding).value();
    Tensor want = naive(x, w, b, k.stride, k.padding);
    assertThat(got.shape()).containsExactly(want.shape());
    // Sums of at most 3·3·3 products of values in [-1, 1]: float32 GEMM and double loops agree to ~1e-6.
    for (int i = 0; i < want.size(); i++) assertThat(got.get(i)).isCloseTo(want.get(i), Offset.offset(1e-5f));
  }

  @Test
  void outputSizeFollowsPyTorchFormula() {
    Tape tape = new Tape();
    Var x = tape.constant(Tensor.zeros(2, 3, 28, 28));
    assertThat(Conv2d.conv2d(x, tape.constant(Tensor.zeros(32, 3, 3, 3)), null, 1, 0).shape())
        .containsExactly(2, 32, 26, 26);
    assertThat(Conv2d.conv2d(x, tape.constant(Tensor.zeros(8, 3, 5, 5)), null, 2, 2).shape())
        .containsExactly(2, 8, 14, 14);
  }

  @Test
  void rejectsMismatchedChannelsNamingBothShapes() {
    Tape tape = new Tape();
    assertThatThrownBy(() -> Conv2d.conv2d(tape.constant(Tensor.zeros(1, 2, 5, 5)),
        tape.constant(Tensor.zeros(4, 3, 3, 3)), null, 1, 0))
        .hasMessageContaining("[1,2,5,5] has 2 channels").hasMessageContaining("[4,3,3,3] expects 3");
    assertThatThrownBy(() -> Conv2d.conv2d(tape.constant(Tensor.zeros(1, 3, 2, 2)),
        tape.constant(Tensor.zeros(4, 3, 3, 3)), null, 1, 0)).hasMessageContaining("larger than the 2×2 image");
  }

  /** The definition: y[n,f,i,j] = b[f] + Σ_{c,a,e} x[n,c,i·s−p+a, j·s−p+e]·w[f,c,a,e], zero outside the image. */
  static Tensor naive(Tensor x, Tensor w, Tensor b, int stride, int padding) {
    int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3), f = w.dim(0), kh = w.dim(2), kw = w.dim(3);
    int oh = (h + 2 * padding - kh) / stride + 1, ow = (wd + 2 * padding - kw) / stride + 1;
    Tensor y = Tensor.zeros(n, f, oh, ow);
    for (int i = 0; i < n; i++) {
      for (int o = 0; o < f; o++) {
        for (int r = 0; r < oh; r++) {
          for (int q = 0; q < ow; q++) {
            double s = b == null ? 0 : b.get(o);
            for (int ch = 0; ch < c; ch++) {
              for (int a = 0; a < kh; a++) {
                for (int e = 0; e < kw; e++) {
                  int ih = r * stride - padding + a, iw = q * stride - padding + e;
                  if (ih >= 0 && ih < h && iw >= 0 && iw < wd) s += x.at(i, ch, ih, iw) * w.at(o, ch, a, e);
                }
              }
            }
            y.set(((i * f + o) * oh + r) * ow + q, (float) s);
          }
        }
      }
    }
    return y;
  }
}
