package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import io.mtl4j.weighting.solver.Gram;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MGDATest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.mtl4j.testkit.WeightingDriver#seeds")
  void updateDoesNotConflictWithAnyTask(long seed) {
    ReplayContext ctx = WeightingDriver.conflictingStep(new SplittableRandom(seed), 3, 8);
    double[][] grads = ctx.taskGradients(0);
    StepWeights w = new MGDA().combine(ctx);
    double[] d = ctx.sharedGradient();
    assertThat(w.lossScales()).isNull();
    assertThat(w.reported()).hasSize(3);
    assertThat(d).containsExactly(Gram.combine(w.reported(), grads), within(1e-12));
    for (double[] g : grads) {
      // The min-norm point d satisfies g·d ≥ ‖d‖² up to the Frank-Wolfe tolerance (Sener & Koltun, Thm. 1).
      assertThat(Gram.dot(g, d)).isGreaterThan(Gram.dot(d, d) - 1e-3 * Gram.dot(g, g));
    }
  }

  @Test
  void l2NormalisationIgnoresGradientScale() {
    SplittableRandom random = new SplittableRandom(3);
    double[][] grads = WeightingDriver.conflictingGradients(random, 3, 6);
    double[][] scaled = {grads[0].clone(), grads[1].clone(), grads[2].clone()};
    for (int k = 0; k < 6; k++) {
      scaled[1][k] *= 50;
    }
    double[] losses = {1, 2, 3};
    MGDA mgda = new MGDA(new MGDA.Options(MGDA.Normalization.L2));
    double[] a = mgda.combine(ReplayContext.of(losses, grads)).reported();
    double[] b = mgda.combine(ReplayContext.of(losses, scaled)).reported();
    assertThat(b).containsExactly(a, within(1e-9));
  }

  @Test
  void lossNormalisationDividesByTheLoss() {
    double[][] grads = {{2, 0}, {0, 4}};
    ReplayContext ctx = ReplayContext.of(new double[] {2, 4}, grads);
    new MGDA(new MGDA.Options(MGDA.Normalization.LOSS)).combine(ctx);
    // Normalised gradients (1,0) and (0,1): the min-norm point is their midpoint.
    assertThat(ctx.sharedGradient()).containsExactly(new double[] {0.5, 0.5}, within(1e-15));
  }

  @Test
  void parsesLibMtlNormalisationNames() {
    assertThat(MGDA.Normalization.fromKey("loss+")).isEqualTo(MGDA.Normalization.LOSS_PLUS);
    assertThat(MGDA.Normalization.fromKey("L2")).isEqualTo(MGDA.Normalization.L2);
    assertThat(LibMtlNames.options("MGDA", Map.of("mgda_gn", "loss+"))).isEqualTo(Map.of("normalization", "loss_plus"));
    assertThat(((MGDA) Weightings.create("mgda", Map.of("normalization", "loss_plus"))).options().normalization())
        .isEqualTo(MGDA.Normalization.LOSS_PLUS);
    assertThatThrownBy(() -> MGDA.Normalization.fromKey("l1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'l1'").hasMessageContaining("loss+");
    assertThatThrownBy(() -> new MGDA.Options(null)).hasMessageContaining("normalization: null");
  }
}
