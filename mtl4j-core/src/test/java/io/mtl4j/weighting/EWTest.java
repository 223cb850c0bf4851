package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EWTest {
  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @CsvSource({"1, 1, 4", "2, 2, 17", "3, 5, 64", "4, 7, 3"})
  void updatesWithThePlainSumOfTaskGradients(long seed, int tasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = WeightingDriver.gaussianGradients(random, tasks, dim);
    ReplayContext ctx = ReplayContext.of(WeightingDriver.losses(random, tasks), g);
    EW ew = new EW();
    StepWeights w = ew.combine(ctx);
    double[] update = WeightingDriver.update(ew, w, ctx);
    for (int k = 0; k < dim; k++) {
      double sum = 0.0;
      for (int t = 0; t < tasks; t++) {
        sum += g[t][k];
      }
      assertThat(update[k]).isCloseTo(sum, within(1e-12));
    }
    assertThat(w.reported()).containsOnly(1.0);
  }
}
