package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradientReversalTest {

  @Test
  void passesValuesThroughUnchanged() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.of(new float[] {1.5f, -2, 0, 7}, 2, 2));
    assertThat(GradientReversal.apply(x, 0.3f).value().toArray()).containsExactly(1.5f, -2, 0, 7);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void reversedGradientIsExactlyMinusLambdaTimesThePlainOne(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] shape = GradCheck.randomShape(random, 2, 5);
    Tensor x = random(random, shape);
    Tensor w = random(random, shape[1], 3);
    float lambda = (float) (0.05 + random.nextDouble() * 2);
    // A nonlinear loss downstream, so the plain gradient differs per element.
    UnaryOperator<Var> downstream = v -> Reduce.sum(Elementwise.tanh(MatMul.matmul(v, v.tape().constant(w))));

    float[] plain = gradient(x, v -> v, downstream);
    float[] reversed = gradient(x, v -> GradientReversal.apply(v, lambda), downstream);

    for (int i = 0; i < plain.length; i++) assertThat(reversed[i]).isEqualTo(-(lambda * plain[i]));
  }

  @Test
  void zeroLambdaStopsTheGradient() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.of(new float[] {1, 2}, 1, 2));
    tape.backward(Reduce.sum(GradientReversal.apply(x, 0f)));
    assertThat(x.grad().toArray()).containsOnly(0f);
  }

  @Test
  void rejectsNegativeOrInfiniteLambda() {
    Tape tape = new Tape();
    Var x = tape.variable(Tensor.zeros(1, 1));
    assertThatThrownBy(() -> GradientReversal.apply(x, -1f)).hasMessageContaining("lambda = -1.0");
    assertThatThrownBy(() -> GradientReversal.apply(x, Float.POSITIVE_INFINITY)).hasMessageContaining(">= 0");
  }

  private static float[] gradient(Tensor value, UnaryOperator<Var> layer, UnaryOperator<Var> downstream) {
    Tape tape = new Tape();
    Var x = tape.variable(value.copy());
    tape.backward(downstream.apply(layer.apply(x)));
    return x.grad().toArray();
  }

  private static Tensor random(SplittableRandom random, int... shape) {
    Tensor t = Tensor.zeros(shape);
    for (int i = 0; i < t.size(); i++) t.set(i, (float) (random.nextDouble() * 2 - 1));
    return t;
  }
}
