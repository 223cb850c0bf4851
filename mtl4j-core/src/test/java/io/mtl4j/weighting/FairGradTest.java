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
import org.junit.jupiter.params.provider.ValueSource;

class FairGradTest {

  @ParameterizedTest(name = "alpha {0}")
  @ValueSource(doubles = {0.5, 1.0, 2.0, 4.0})
  void weightsSolveTheAlphaFairOptimalityCondition(double alpha) {
    SplittableRandom random = new SplittableRandom(11);
    double[][] grads = WeightingDriver.conflictingGradients(random, 4, 9);
    ReplayContext ctx = ReplayContext.of(WeightingDriver.losses(random, 4), grads);
    StepWeights w = new FairGrad(new FairGrad.Options(alpha)).combine(ctx);
    double[] gw = Gram.times(Gram.of(grads), w.reported());
    for (int t = 0; t < 4; t++) {
      // Eq. 7: (G Gᵀ w)_t = w_t^(-1/α), i.e. g_t·d = w_t^(-1/α) for the update d = Σ w g.
      assertThat(gw[t]).isCloseTo(Math.pow(w.reported()[t], -1 / alpha), within(1e-10 * gw[t]));
      assertThat(Gram.dot(grads[t], ctx.sharedGradient())).isCloseTo(gw[t], within(1e-9 * gw[t]));
    }
    // LibMTL back-propagates Σ w_t L_t: the heads see the same weights.
    assertThat(w.lossScales()).containsExactly(w.reported());
  }

  @Test
  void validatesAlpha() {
    assertThatThrownBy(() -> new FairGrad.Options(0)).hasMessageContaining("alpha: 0.0");
    assertThatThrownBy(() -> Weightings.create("fairgrad", Map.of("alpha", -1.0))).hasMessageContaining("alpha: -1.0");
  }
}
