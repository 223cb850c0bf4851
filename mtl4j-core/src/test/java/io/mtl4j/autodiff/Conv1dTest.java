package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Conv1dTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void gradientsMatchFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] offsets = SegmentMaxTest.randomOffsets(random, 1 + random.nextInt(3), 5, seed % 3 == 0);
    int n = offsets[offsets.length - 1], c = 1 + random.nextInt(3), width = 1 + random.nextInt(4), out = 1 + random.nextInt(3);
    GradCheck.assertGradients(v -> Conv1d.conv(v[0], offsets, v[1], v[2]), seed, new int[] {n, c},
        new int[] {width * c, out}, new int[] {out});
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void equalsADirectConvolutionOfEachZeroPaddedSequence(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] offsets = SegmentMaxTest.randomOffsets(random, 1 + random.nextInt(5), 9, seed % 2 == 0);
    int n = offsets[offsets.length - 1], c = 1 + random.nextInt(6), width = 1 + random.nextInt(6), out = 1 + random.nextInt(5);
    Tensor x = random(random, n, c), w = random(random, width * c, out), bias = random(random, out);
    Tape tape = new Tape();
    float[] got = Conv1d.conv(tape.constant(x), offsets, tape.constant(w), tape.constant(bias)).value().toArray();
    float[] want = direct(x, offsets, w, bias, width);
    assertThat(got).hasSameSizeAs(want);
    // Float sums of at most 6·6 products of values in [−1, 1], in a different order: 1e-5 covers the rounding.
    for (int i = 0; i < want.length; i++) assertThat(got[i]).as("element %d", i).isCloseTo(want[i], Offset.offset(1e-5f));
  }

  @Test
  void sequenceShorterThanTheKernelKeepsItsLength() {
    Tape tape = new Tape();
    // One token, width 3, one channel: only the middle tap sees the token.
    Var x = tape.constant(Tensor.of(new float[] {2}, 1, 1));
    Var kernel = tape.constant(Tensor.of(new float[] {10, 100, 1000}, 3, 1));
    assertThat(Conv1d.conv(x, new int[] {0, 1}, kernel, null).value().toArray()).containsExactly(200);
  }

  @Test
  void windowsDoNotCrossIntoTheNextSequence() {
    Tape tape = new Tape();
    Var x = tape.constant(Tensor.of(new float[] {1, 2, 3}, 3, 1));
    Var kernel = tape.constant(Tensor.of(new float[] {1, 1, 1}, 3, 1));
    assertThat(Conv1d.conv(x, new int[] {0, 2, 3}, kernel, null).value().toArray()).containsExactly(3, 3, 3);
  }

  @Test
  void rejectsAKernelThatDoesNotMatchTheChannels() {
    Tape tape = new Tape();
    Var x = tape.constant(Tensor.zeros(2, 3));
    assertThatThrownBy(() -> Conv1d.conv(x, new int[] {0, 2}, tape.constant(Tensor.zeros(4, 1)), null))
        .hasMessageContaining("over 3 input channels");
  }

  /** The definition, one output at a time: y[t] = bias + Σ_j Σ_c x[t + j − ⌊(k−1)/2⌋, c]·W[j·C + c] inside the sequence. */
  private static float[] direct(Tensor x, int[] offsets, Tensor w, Tensor bias, int width) {
    int c = x.dim(1), out = w.dim(1), left = (width - 1) / 2;
    float[] y = new float[x.dim(0) * out];
    for (int b = 0; b + 1 < offsets.length; b++) {
      for (int t = offsets[b]; t < offsets[b + 1]; t++) {
        for (int o = 0; o < out; o++) {
          double s = bias.get(o);
          for (int j = 0; j < width; j++) {
            int src = t + j - left;
            if (src < offsets[b] || src >= offsets[b + 1]) continue;
            for (int ch = 0; ch < c; ch++) s += (double) x.get(src * c + ch) * w.get((j * c + ch) * out + o);
          }
          y[t * out + o] = (float) s;
        }
      }
    }
    return y;
  }

  private static Tensor random(SplittableRandom random, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) t.set(i, (float) random.nextDouble(-1, 1));
    return t;
  }
}
