package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import io.mtl4j.weighting.solver.Gram;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UPGradTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.mtl4j.testkit.WeightingDriver#seeds")
  void projectsOntoTheDualConeOfTheGradients(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int tasks = 2 + random.nextInt(4);
    ReplayContext ctx = WeightingDriver.conflictingStep(random, tasks, 3 + random.nextInt(10));
    double[][] grads = ctx.taskGradients(0);
    StepWeights w = new UPGrad(new UPGrad.Options(1e-4, 0.0)).combine(ctx);
    double scale = 0;
    for (double[] g : grads) {
      scale = Math.max(scale, Gram.dot(g, g));
    }
    for (int t = 0; t < tasks; t++) {
      // Each projection v ≥ e_t/T, so every weight is at least 1/T ...
      assertThat(w.reported()[t]).isGreaterThanOrEqualTo(1.0 / tasks - 1e-12);
      // ... and without regularisation the update conflicts with no task (Prop. 1 of Quinton & Rey).
      assertThat(Gram.dot(grads[t], ctx.sharedGradient())).isGreaterThan(-1e-10 * scale * tasks);
    }
    assertThat(w.lossScales()).isNull();
  }

  @Test
  void leavesAlignedGradientsAtTheirMean() {
    double[][] grads = {{1, 2, 3}, {1, 2, 3}};
    ReplayContext ctx = ReplayContext.of(new double[] {1, 1}, grads);
    StepWeights w = new UPGrad().combine(ctx);
    assertThat(w.reported()).containsExactly(new double[] {0.5, 0.5}, within(1e-12));
  }

  @Test
  void rejectsNegativeEpsilons() {
    assertThatThrownBy(() -> new UPGrad.Options(-1, 0)).hasMessageContaining("normEps: -1.0");
    assertThatThrownBy(() -> new UPGrad.Options(0, Double.NaN)).hasMessageContaining("regularization: NaN");
  }
}
