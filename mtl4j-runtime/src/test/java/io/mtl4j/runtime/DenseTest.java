package io.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The layer kernel (four weight rows per pass, zero inputs skipped) gives bit for bit what the plain one-row loop
 * gives, on random shapes with one-hot-like sparse inputs, blocks, and layers side by side.
 */
class DenseTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void equalsTheOneRowLoopBitForBit(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int blocks = 1 + r.nextInt(3), in = 1 + r.nextInt(40), out = 1 + r.nextInt(70);
    Dense d = random(r, in, out, blocks, Activation.values()[r.nextInt(Activation.values().length)]);
    float[] s = new float[d.inputWidth() + d.outputWidth()];
    sparseInputs(r, s, d.inputWidth());
    float[] expected = naive(d, Arrays.copyOf(s, d.inputWidth()));
    d.forward(s, 0, d.inputWidth());
    assertThat(Arrays.copyOfRange(s, d.inputWidth(), s.length)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void sideBySideLayersGiveEachPartsOwnOutputs(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int in = 5 + r.nextInt(60);
    Dense[] parts = {random(r, in, 1 + r.nextInt(40), 1, Activation.RELU), random(r, in, 1 + r.nextInt(9), 1,
        Activation.IDENTITY), random(r, in, 1 + r.nextInt(9), 1, Activation.IDENTITY)};
    Arena arena = new Arena();
    int x = arena.take(in);
    SharedInputLayers layers = new SharedInputLayers(parts, x, arena);
    float[] s = new float[arena.size()];
    sparseInputs(r, s, in);
    float[] inputs = Arrays.copyOf(s, in);
    layers.forward(s);
    for (int k = 0; k < parts.length; k++) {
      int at = layers.output(k);
      assertThat(Arrays.copyOfRange(s, at, at + parts[k].outputWidth())).as("part %d", k)
          .isEqualTo(naive(parts[k], inputs));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void refusesSideBySideLayersThatReadDifferentInputs(int otherInputs) {
    SplittableRandom r = new SplittableRandom(otherInputs);
    Dense a = random(r, 2, 3, 1, Activation.IDENTITY);
    Dense b = random(r, otherInputs, 3, otherInputs == 1 ? 2 : 1, Activation.IDENTITY);
    assertThatThrownBy(() -> Dense.sideBySide(a, b)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layers of one block and 2 inputs");
  }

  /** The layer as it was first written: bias, then one weight row per nonzero input, then the activation. */
  private static float[] naive(Dense d, float[] x) {
    float[] y = Arrays.copyOf(d.bias(), d.outputWidth());
    for (int e = 0; e < d.blocks(); e++) {
      for (int i = 0; i < d.in(); i++) {
        float xi = x[e * d.in() + i];
        if (xi == 0f) continue;
        for (int j = 0; j < d.out(); j++) y[e * d.out() + j] += xi * d.weight()[(e * d.in() + i) * d.out() + j];
      }
    }
    d.activation().apply(y, 0, y.length);
    return y;
  }

  private static Dense random(SplittableRandom r, int in, int out, int blocks, Activation a) {
    float[] w = new float[blocks * in * out], b = new float[blocks * out];
    for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
    for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
    return new Dense(in, out, blocks, w, b, a);
  }

  /** Mostly zeros, some ones (one-hot), some arbitrary values, and a negative zero, which is skipped like zero. */
  private static void sparseInputs(SplittableRandom r, float[] s, int n) {
    for (int i = 0; i < n; i++) {
      double u = r.nextDouble();
      s[i] = u < 0.6 ? 0f : u < 0.8 ? 1f : u < 0.82 ? -0f : (float) r.nextGaussian();
    }
  }
}
