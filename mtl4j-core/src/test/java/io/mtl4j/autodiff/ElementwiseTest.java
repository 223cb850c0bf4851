package io.mtl4j.autodiff;

import static io.mtl4j.testkit.GradCheck.assertGradients;
import static io.mtl4j.testkit.GradCheck.randomShape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.testkit.GradCheck.Inputs;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ElementwiseTest {
  static LongStream seeds() {
    return LongStream.range(1, 6);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void unaryFunctionsHaveCorrectGradients(long seed) {
    int[] s = randomShape(new SplittableRandom(seed), 2, 7);
    assertGradients(v -> Elementwise.relu(v[0]), seed, s);
    assertGradients(v -> Elementwise.sigmoid(v[0]), seed, s);
    assertGradients(v -> Elementwise.tanh(v[0]), seed, s);
    assertGradients(v -> Elementwise.gelu(v[0]), seed, s);
    assertGradients(v -> Elementwise.exp(v[0]), seed, s);
    assertGradients(v -> Elementwise.log(v[0]), seed, Inputs.POSITIVE, s);
    assertGradients(v -> Elementwise.scale(v[0], -2.5f), seed, s);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void binaryArithmeticHasCorrectGradients(long seed) {
    int[] s = randomShape(new SplittableRandom(seed), 2, 6);
    assertGradients(v -> Elementwise.add(v[0], v[1]), seed, s, s);
    assertGradients(v -> Elementwise.sub(v[0], v[1]), seed, s, s);
    assertGradients(v -> Elementwise.mul(v[0], v[1]), seed, s, s);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rowVectorBroadcastsOverRows(long seed) {
    int[] s = randomShape(new SplittableRandom(seed), 2, 6);
    assertGradients(v -> Elementwise.add(v[0], v[1]), seed, s, new int[] {s[1]});
    assertGradients(v -> Elementwise.mul(v[0], v[1]), seed, s, new int[] {1, s[1]});
  }

  @Test
  void sigmoidIsStableForLargeInputs() {
    assertThat(Elementwise.sigmoid(-1000f)).isEqualTo(0f);
    assertThat(Elementwise.sigmoid(1000f)).isEqualTo(1f);
    assertThat(Elementwise.sigmoid(0f)).isEqualTo(0.5f);
  }

  @Test
  void mismatchedShapesNameTheOpAndBothShapes() {
    Tape tape = new Tape();
    Var a = tape.variable(Tensor.zeros(2, 3));
    Var b = tape.variable(Tensor.zeros(3, 2));
    assertThatThrownBy(() -> Elementwise.add(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add: shapes [2,3] and [3,2]");
  }
}
