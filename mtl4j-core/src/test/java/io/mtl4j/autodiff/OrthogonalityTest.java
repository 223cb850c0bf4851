package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrthogonalityTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void gradientsMatchFiniteDifferences(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 1 + random.nextInt(6), s = 1 + random.nextInt(4), p = 1 + random.nextInt(4);
    GradCheck.assertGradients(v -> Orthogonality.penalty(v[0], v[1]), seed, new int[] {rows, s}, new int[] {rows, p});
  }

  @Test
  void isTheSquaredFrobeniusNormOfSharedTransposedTimesPrivate() {
    Tape tape = new Tape();
    // S = [[1,2],[3,4]], P = [[1],[−1]] → SᵀP = [[1−3],[2−4]] = [[−2],[−2]] → 8.
    Var s = tape.constant(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    Var p = tape.constant(Tensor.of(new float[] {1, -1}, 2, 1));
    assertThat(Orthogonality.penalty(s, p).item()).isEqualTo(8f);
  }

  @Test
  void vanishesWhenEverySharedColumnIsOrthogonalToEveryPrivateOne() {
    Tape tape = new Tape();
    Var s = tape.constant(Tensor.of(new float[] {1, 0, 1, 0}, 4, 1));
    Var p = tape.constant(Tensor.of(new float[] {0, 0, 2, -5, 0, 0, 1, 3}, 4, 2));
    assertThat(Orthogonality.penalty(s, p).item()).isZero();
  }

  @Test
  void rejectsFeaturesOfDifferentRows() {
    Tape tape = new Tape();
    assertThatThrownBy(() -> Orthogonality.penalty(tape.constant(Tensor.zeros(3, 2)), tape.constant(Tensor.zeros(2, 2))))
        .hasMessageContaining("3 rows, private ones 2");
  }
}
