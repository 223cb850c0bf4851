package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.GoldenCases;
import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import io.mtl4j.weighting.solver.Gram;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NashMTLTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.mtl4j.testkit.WeightingDriver#seeds")
  void reachesTheNashBargainingSolution(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] grads = WeightingDriver.gaussianGradients(random, 3, 17);
    NashMTL nash = new NashMTL(new NashMTL.Options(1, 20, 0.0));
    StepWeights w = nash.combine(ReplayContext.of(WeightingDriver.losses(random, 3), grads));
    double[] ga = Gram.times(Gram.of(grads), w.reported());
    for (int t = 0; t < 3; t++) {
      // Eq. 2 of Navon et al.: (G Gᵀ α)_t = 1/α_t, up to the float32 rounding of α.
      assertThat(w.reported()[t] * ga[t]).isCloseTo(1.0, within(1e-5));
      assertThat(w.reported()[t]).isEqualTo((double) (float) w.reported()[t]);
    }
    assertThat(w.lossScales()).containsExactly(w.reported());
  }

  @Test
  void clipsTheUpdateToTheMaximumNorm() {
    SplittableRandom random = new SplittableRandom(4);
    double[][] grads = WeightingDriver.gaussianGradients(random, 3, 17);
    ReplayContext ctx = ReplayContext.of(new double[] {1, 1, 1}, grads);
    new NashMTL(new NashMTL.Options(1, 20, 0.5)).combine(ctx);
    assertThat(Gram.norm(ctx.sharedGradient())).isCloseTo(0.5, within(1e-5));
  }

  @Test
  void reusesWeightsBetweenUpdates() {
    SplittableRandom random = new SplittableRandom(5);
    NashMTL nash = new NashMTL(new NashMTL.Options(2, 20, 1.0));
    double[] first = nash.combine(ReplayContext.of(new double[] {1, 1, 1}, WeightingDriver.gaussianGradients(random, 3, 9)))
        .reported();
    double[] second = nash.combine(ReplayContext.of(new double[] {1, 1, 1}, WeightingDriver.gaussianGradients(random, 3, 9)))
        .reported();
    double[] third = nash.combine(ReplayContext.of(new double[] {1, 1, 1}, WeightingDriver.gaussianGradients(random, 3, 9)))
        .reported();
    assertThat(second).containsExactly(first);
    assertThat(third).isNotEqualTo(first);
    assertThat(nash.state().get("step")).containsExactly(3.0);
  }

  @Test
  void keepsThePreviousWeightsWhenTheSubproblemHasNoSolution() {
    // Exactly opposed gradients: no α ≥ 0 gives both tasks a positive directional derivative.
    double[][] grads = {{1, 2, -1}, {-1, -2, 1}};
    NashMTL nash = new NashMTL();
    StepWeights w = nash.combine(ReplayContext.of(new double[] {1, 1}, grads));
    assertThat(w.reported()).containsExactly(1.0, 1.0);
    assertThat(nash.state().get("prvs_alpha")).containsExactly(1.0, 1.0);
  }

  /**
   * Issue 20's edge: at a step whose first subproblem is unbounded (recorded in the case file, derived from the
   * T = 2 recession cone) LibMTL keeps the previous α; at every other step the weights move to a new solution.
   */
  @Test
  void keepsThePreviousAlphaExactlyWhenTheSubproblemIsUnbounded() throws IOException {
    GoldenCases.GoldenFile file = GoldenCases.resource("golden/edges/Nash_MTL_unbounded.json");
    int unbounded = 0;
    for (GoldenCases.Case c : file.cases()) {
      NashMTL nash = new NashMTL(new NashMTL.Options(1, 20, 0.0));
      double[] previous = {1.0, 1.0};
      for (GoldenCases.Step s : c.steps()) {
        double[] w = nash.combine(ReplayContext.of(s.losses()[0], s.grads()[0])).reported();
        double[] alpha = nash.state().get("prvs_alpha");
        if (s.expected().extra().get("first_subproblem").asString().equals("unbounded")) {
          unbounded++;
          assertThat(alpha).as(c.name()).containsExactly(previous);
        } else {
          assertThat(alpha).as(c.name()).isNotEqualTo(previous);
        }
        for (int t = 0; t < w.length; t++) {
          assertThat(w[t]).isEqualTo((double) (float) alpha[t]);
        }
        previous = alpha;
      }
    }
    assertThat(unbounded).isEqualTo(2);
  }

  @Test
  void validatesOptions() {
    assertThatThrownBy(() -> new NashMTL.Options(0, 20, 1)).hasMessageContaining("updateWeightsEvery: 0");
    assertThatThrownBy(() -> new NashMTL.Options(1, 0, 1)).hasMessageContaining("iterations: 0");
    assertThatThrownBy(() -> new NashMTL.Options(1, 20, Double.NaN)).hasMessageContaining("maxNorm: NaN");
  }
}
