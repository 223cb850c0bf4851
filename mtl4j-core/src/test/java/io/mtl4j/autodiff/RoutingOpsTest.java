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

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void groupMixtureGradientsMatchFiniteDifferences(long seed) {
    GradCheck.assertGradients(v -> GroupMixture.mix(Softmax.softmax(v[0], 1), v[1], v[2]), seed, new int[] {3, 5},
        new int[] {3, 2 * 4}, new int[] {3, 3 * 4});
  }

  @Test
  void groupMixtureEqualsTheMixtureOfTheConcatenatedGroups() {
    Tape tape = new Tape();
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    Tensor a = Tensor.zeros(4, 2 * 3), b = Tensor.zeros(4, 1 * 3), g = Tensor.zeros(4, 3);
    for (Tensor t : new Tensor[] {a, b, g}) for (int i = 0; i < t.size(); i++) t.set(i, (float) r.nextDouble(-1, 1));
    Var va = tape.constant(a), vb = tape.constant(b), vg = tape.constant(g);
    float[] grouped = GroupMixture.mix(vg, va, vb).value().toArray();
    float[] joined = Mixture.mix(ConcatSplit.concat(1, va, vb), vg).value().toArray();
    for (int i = 0; i < joined.length; i++) assertThat(grouped[i]).isCloseTo(joined[i], org.assertj.core.data.Offset.offset(1e-6f));
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
