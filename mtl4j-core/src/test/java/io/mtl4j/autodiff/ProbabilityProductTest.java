package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbabilityProductTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void gradientsMatchFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 1 + random.nextInt(6);
    if (seed % 2 == 0) {
      GradCheck.assertGradients(v -> ProbabilityProduct.logit(v[0], v[1]), seed, new int[] {rows, 1}, new int[] {rows, 1});
    } else {
      GradCheck.assertGradients(v -> ProbabilityProduct.logit(v[0], v[1], v[2]), seed, new int[] {rows, 1},
          new int[] {rows, 1}, new int[] {rows, 1});
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void itsSigmoidIsTheProductOfTheFactorsProbabilities(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Tape tape = new Tape();
    Tensor a = Tensor.zeros(20, 1), b = Tensor.zeros(20, 1);
    for (int i = 0; i < 20; i++) {
      a.set(i, (float) (random.nextDouble() * 30 - 15));
      b.set(i, (float) (random.nextDouble() * 30 - 15));
    }
    Var z = ProbabilityProduct.logit(tape.constant(a), tape.constant(b));
    for (int i = 0; i < 20; i++) {
      double expected = sigmoid(a.get(i)) * sigmoid(b.get(i));
      assertThat(sigmoid(z.value().get(i))).isCloseTo(expected, within(1e-6 * Math.max(expected, 1e-3)));
    }
  }

  @Test
  void staysFiniteForExtremeLogits() {
    Tape tape = new Tape();
    Var a = tape.variable(Tensor.of(new float[] {1000, -1000, 1000}, 3, 1));
    Var b = tape.variable(Tensor.of(new float[] {1000, 5, -1000}, 3, 1));
    Var z = ProbabilityProduct.logit(a, b);
    tape.backward(Reduce.sum(z));
    for (float v : z.value().toArray()) assertThat(v).isFinite();
    for (float v : a.grad().toArray()) assertThat(v).isFinite();
    assertThat(z.value().get(0)).as("a product of certainties is capped, not infinite").isGreaterThan(60);
    assertThat((double) z.value().get(1)).as("log σ(−1000) + log σ(5)").isCloseTo(-1000 - Math.log1p(Math.exp(-5)), within(1e-3));
  }

  @Test
  void needsTwoSameShapedFactors() {
    Tape tape = new Tape();
    Var a = tape.constant(Tensor.zeros(2, 1));
    assertThatThrownBy(() -> ProbabilityProduct.logit(a)).hasMessageContaining("expected ≥ 2");
    assertThatThrownBy(() -> ProbabilityProduct.logit(a, tape.constant(Tensor.zeros(3, 1))))
        .hasMessageContaining("differ");
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
