package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Invariants every registered weighting must satisfy; new registry entries are picked up automatically. */
class WeightingPropertiesTest {
  private static final int TASKS = 3;
  /** GradDrop's representation [B, R]; the same numbers serve as shared-parameter gradients for the others. */
  private static final int BATCH = 2;
  private static final int WIDTH = 6;
  private static final int DIM = BATCH * WIDTH;
  /** Enough epochs for DWA's loss ratios and STCH's warm-up (4 by default) to take effect. */
  private static final int STEPS = 6;
  private static final double LEARNING_RATE = 0.1;
  /** Options for methods whose defaults coincide with EW. */
  private static final Map<String, Map<String, ?>> NON_DEFAULT =
      Map.of("fixed", Map.of("weights", List.of(0.5, 1.0, 2.0)));

  static Stream<String> methods() {
    return Weightings.names().stream();
  }

  static Stream<String> methodsOtherThanEW() {
    return methods().filter(name -> !name.equals("ew"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methodsOtherThanEW")
  void updatesDifferentlyFromEqualWeightingOnConflictingGradients(String name) {
    Run run = run(name, 7L);
    double[] ew = run.lastContext.taskGradients(0)[0].clone();
    for (int t = 1; t < TASKS; t++) {
      Vectors.axpy(1.0, run.lastContext.taskGradients(0)[t], ew);
    }
    double largest = 0.0;
    double scale = 0.0;
    for (int k = 0; k < DIM; k++) {
      largest = Math.max(largest, Math.abs(run.update[k] - ew[k]));
      scale = Math.max(scale, Math.abs(ew[k]));
    }
    assertThat(largest).as("max |update - EW update|").isGreaterThan(1e-6 * scale);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void givesFiniteUpdatesOfTheSharedSize(String name) {
    double[] update = run(name, 8L).update;
    assertThat(update).hasSize(DIM);
    for (double v : update) {
      assertThat(Double.isFinite(v)).as("finite update entry %s", v).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void repeatsItselfForTheSameInputsAndSeed(String name) {
    assertThat(run(name, 9L).update).containsExactly(run(name, 9L).update);
  }

  private record Run(double[] update, ReplayContext lastContext) {}

  /** STEPS steps of a fresh instance, one epoch each, on seeded conflicting gradients, as the trainer drives it. */
  private static Run run(String name, long seed) {
    Weighting method = Weightings.create(name, NON_DEFAULT.getOrDefault(name, Map.of()));
    SplittableRandom data = new SplittableRandom(seed);
    RandomSource draws = RandomSource.seeded(seed + 1);
    double[][] history = new double[TASKS][STEPS];
    double[] update = null;
    ReplayContext ctx = null;
    for (int step = 0; step < STEPS; step++) {
      double[][] losses = new double[3][];
      double[][][] grads = new double[3][][];
      for (int s = 0; s < 3; s++) {
        losses[s] = WeightingDriver.losses(data, TASKS);
        grads[s] = WeightingDriver.conflictingGradients(data, TASKS, DIM);
      }
      ctx = new ReplayContext(losses, grads, step, step)
          .withLossHistory(history)
          .withRandom(draws)
          .withRepresentation(WeightingDriver.gaussians(data, DIM), new int[] {BATCH, WIDTH});
      double[] after = losses[0].clone();
      for (int t = 0; t < TASKS; t++) {
        after[t] *= 0.8 + 0.3 * data.nextDouble();
        history[t][step] = losses[0][t];
      }
      update = WeightingDriver.step(method, ctx, LEARNING_RATE, after);
    }
    return new Run(update, ctx);
  }
}
