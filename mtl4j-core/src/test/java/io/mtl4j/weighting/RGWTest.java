package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.ReplayRandom;
import io.mtl4j.testkit.WeightingDriver;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RGWTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.mtl4j.testkit.WeightingDriver#seeds")
  void weightsAreTheSoftmaxOfTheDrawsAndTheUpdateTheirCombination(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int tasks = 2 + random.nextInt(5);
    double[][] grads = WeightingDriver.conflictingGradients(random, tasks, 1 + random.nextInt(30));
    double[] draws = WeightingDriver.gaussians(random, tasks);
    ReplayRandom recorded = new ReplayRandom(List.of(), draws, new double[0]);
    ReplayContext ctx = ReplayContext.of(WeightingDriver.losses(random, tasks), grads).withRandom(recorded);

    StepWeights weights = new RGW().combine(ctx);

    double normaliser = 0;
    for (double z : draws) {
      normaliser += Math.exp(z);
    }
    double[] expected = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      expected[t] = Math.exp(draws[t]) / normaliser;
    }
    assertThat(weights.reported()).containsExactly(expected, within(1e-15));
    assertThat(recorded.unused()).isNull();
    for (int k = 0; k < grads[0].length; k++) {
      double sum = 0;
      for (int t = 0; t < tasks; t++) {
        sum += weights.reported()[t] * grads[t][k];
      }
      assertThat(ctx.sharedGradient()[k]).isCloseTo(sum, within(1e-12 * (1 + Math.abs(sum))));
    }
    // The heads keep their own loss gradients, as in LibMTL.
    assertThat(weights.lossScales()).isNull();
  }
}
