package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DSelect-k gates, cross-stitch block mixing and the soft-sharing penalties. */
class RoutingOpsTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void dselectGradientsMatchFiniteDifferences(long seed) {
    // γ = 6 keeps logits in [-1, 1] inside the cubic (the flat parts have zero slope on both sides).
    GradCheck.assertGradients(v -> DSelect.gate(v[0], Softmax.softmax(v[1], 1), 8, 6f), seed, new int[] {3, 2 * 3},
        new int[] {3, 2});
  }

  @Test
  void dselectRowsAreDistributionsAndSaturatedSelectorsPickOneExpert() {
    Tape tape = new Tape();
    // One selector, bits z = (+big, −big, +big) → expert 0b101 = 5.
    Var z = tape.constant(Tensor.of(new float[] {5, -5, 5, 0.1f, -0.3f, 0.2f}, 2, 3));
    Var w = tape.constant(Tensor.of(new float[] {1, 1}, 2, 1));
    Tensor g = DSelect.gate(z, w, 8, 1f).value();
    assertThat(g.get(5)).isEqualTo(1f);
    double sum = 0;
    for (int e = 0; e < 8; e++) sum += g.get(8 + e);
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThatThrownBy(() -> DSelect.bits(6)).hasMessageContaining("experts = 6");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void blockMixGradientsMatchFiniteDifferences(long seed) {
    GradCheck.assertGradients(v -> BlockMix.mix(v[0], v[1]), seed, new int[] {3, 3 * 4}, new int[] {3, 3});
  }

  @Test
  void blockMixWithTheIdentityIsTheIdentity() {
    Tape tape = new Tape();
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4);
    Var y = BlockMix.mix(tape.constant(x), tape.constant(Tensor.of(new float[] {1, 0, 0, 1}, 2, 2)));
    assertThat(y.value().toArray()).containsExactly(x.toArray());
  }

  @Test
  void l2TieGradientsMatchFiniteDifferences() {
    GradCheck.assertGradients(v -> TaskPenalty.l2Tie(v[0], v[1], v[2]), 4, new int[] {2, 3}, new int[] {2, 3},
        new int[] {2, 3});
  }

  @Test
  void traceNormGradientsMatchFiniteDifferences() {
    GradCheck.assertGradients(v -> TaskPenalty.traceNorm(v[0], v[1]), 5, new int[] {4, 3}, new int[] {4, 3});
  }

  @Test
  void penaltiesMatchTheirDefinitions() {
    Tape tape = new Tape();
    Var a = tape.constant(Tensor.of(new float[] {3, 0}, 2)), b = tape.constant(Tensor.of(new float[] {0, 4}, 2));
    assertThat(TaskPenalty.l2Tie(a, b).item()).isEqualTo(25f);
    // [a b] = diag(3, 4): singular values 3 and 4.
    assertThat(TaskPenalty.traceNorm(a, b).item()).isCloseTo(7f, org.assertj.core.data.Offset.offset(1e-5f));
    Var c = tape.constant(Tensor.of(new float[] {6, 0}, 2));
    assertThat(TaskPenalty.traceNorm(a, c).item()).as("rank one: ‖[a 2a]‖_* = ‖a‖·√5")
        .isCloseTo((float) (3 * Math.sqrt(5)), org.assertj.core.data.Offset.offset(1e-4f));
  }
}
