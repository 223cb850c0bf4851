package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import org.junit.jupiter.api.Test;

/** The executor computes what the requirements declare before {@code combine}, and nothing on request. */
class StepExecutorTest {
  /** Declares losses only, then asks for gradients anyway. */
  static final class AsksForUndeclaredGradients implements Weighting {
    public Requirements requirements() {
      return Requirements.LOSSES;
    }

    public StepWeights combine(WeightingContext ctx) {
      ctx.taskGradients();
      return new StepWeights(null, null);
    }
  }

  @Test
  void aContextNeverRunsABackwardPassForUndeclaredGradients() {
    try (DataParallel parallel = new DataParallel(2)) {
      StepExecutor executor = StepFixtures.executor(TrainerTest.model(1), new AsksForUndeclaredGradients(), parallel);
      assertThatThrownBy(() -> executor.step(StepFixtures.plan(TrainerTest.data(40, 7, true)), 0, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("the weighting asked for task gradients but its requirements declare needs = LOSSES");
    }
  }

  @Test
  void refusesAWeightingWithoutRequirements() {
    Weighting none = new Weighting() {
      public Requirements requirements() {
        return null;
      }

      public StepWeights combine(WeightingContext ctx) {
        return new StepWeights(null, null);
      }
    };
    try (DataParallel parallel = new DataParallel(1)) {
      assertThatThrownBy(() -> StepFixtures.executor(TrainerTest.model(1), none, parallel))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("requirements() returned null");
    }
  }
}
