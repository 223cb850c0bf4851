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

class GumbelSoftmaxTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void softDrawMatchesFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 1 + random.nextInt(3), k = 2 + random.nextInt(4);
    Tensor noise = GumbelSoftmax.noise(random, rows, k);
    float temperature = (float) random.nextDouble(0.5, 3);
    GradCheck.assertGradients(v -> GumbelSoftmax.sample(v[0], noise, temperature, false), seed, new int[] {rows, k});
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void hardDrawIsTheOneHotOfTheSoftArgmaxWithTheSoftGradient(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tensor logits = Tensor.zeros(3, 5), projection = Tensor.zeros(3, 5);
    for (int i = 0; i < logits.size(); i++) {
      logits.set(i, (float) random.nextGaussian());
      projection.set(i, (float) random.nextGaussian());
    }
    Tensor noise = GumbelSoftmax.noise(random, 3, 5);
    Tape softTape = new Tape(), hardTape = new Tape();
    Var softIn = softTape.variable(logits.copy()), hardIn = hardTape.variable(logits.copy());
    Var soft = GumbelSoftmax.sample(softIn, noise, 0.7f, false);
    Var hard = GumbelSoftmax.sample(hardIn, noise, 0.7f, true);
    softTape.backward(Reduce.sum(Elementwise.mul(soft, softTape.constant(projection))));
    hardTape.backward(Reduce.sum(Elementwise.mul(hard, hardTape.constant(projection))));
    for (int r = 0; r < 3; r++) {
      int argmax = 0;
      for (int j = 1; j < 5; j++) if (soft.value().get(r * 5 + j) > soft.value().get(r * 5 + argmax)) argmax = j;
      for (int j = 0; j < 5; j++) assertThat(hard.value().get(r * 5 + j)).isEqualTo(j == argmax ? 1f : 0f);
    }
    assertThat(hardIn.grad().toArray()).containsExactly(softIn.grad().toArray());
  }

  @Test
  void hardDrawsFollowTheSoftmaxOfTheLogits() {
    // The Gumbel-max trick: argmax(logits + g) is a draw of softmax(logits), whatever the temperature.
    float[] logits = {1.0f, 0f, -0.5f, 0.5f};
    double[] expected = new double[4];
    double z = 0;
    for (int j = 0; j < 4; j++) z += expected[j] = Math.exp(logits[j]);
    SplittableRandom random = new SplittableRandom(7);
    int[] counts = new int[4];
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      Tape tape = new Tape();
      Var y = GumbelSoftmax.sample(tape.constant(Tensor.of(logits.clone(), 1, 4)), GumbelSoftmax.noise(random, 1, 4),
          2.5f, true);
      for (int j = 0; j < 4; j++) if (y.value().get(j) == 1f) counts[j]++;
    }
    // 20,000 draws: the standard error of each frequency is ≤ 0.0036; 0.015 is over 4 of them.
    for (int j = 0; j < 4; j++) assertThat(counts[j] / (double) draws).isCloseTo(expected[j] / z, Offset.offset(0.015));
  }

  @Test
  void refusesABadTemperatureAndMismatchedNoise() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.zeros(1, 3));
    assertThatThrownBy(() -> GumbelSoftmax.sample(x, Tensor.zeros(1, 3), 0f, true)).hasMessageContaining("temperature = 0.0");
    assertThatThrownBy(() -> GumbelSoftmax.sample(x, Tensor.zeros(1, 2), 1f, true)).hasMessageContaining("equal shapes");
  }
}
