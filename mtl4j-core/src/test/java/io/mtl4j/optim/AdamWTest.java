package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdamWTest {

  @Test
  void decaysTheWeightsBeforeTheAdamUpdate() {
    // step 1, p[0]: p·(1 − 0.1·0.1) = 0.99, then − 0.1·g/|g| = 0.89
    AdamTest.assertTrajectory(
        AdamTest.threeSteps(new AdamW(AdamW.Options.defaults().withLearningRate(0.1).withWeightDecay(0.1))),
        new double[][] {{0.890000002, -0.395000005}, {0.9177103542, -0.4158201856}, {0.8665676892, -0.4308094050}});
  }

  @Test
  void equalsAdamWithoutWeightDecay() {
    float[][] w = AdamTest.threeSteps(new AdamW(AdamW.Options.defaults().withWeightDecay(0)));
    float[][] a = AdamTest.threeSteps(new Adam(Adam.Options.defaults()));
    assertThat(w).isDeepEqualTo(a);
  }

  @Test
  void differsFromAdamWithL2() {
    float[][] w = AdamTest.threeSteps(new AdamW(AdamW.Options.defaults().withLearningRate(0.1).withWeightDecay(0.1)));
    float[][] a = AdamTest.threeSteps(new Adam(Adam.Options.defaults().withLearningRate(0.1).withWeightDecay(0.1)));
    // Adam's L2 term is normalised away on the first step (p ≈ 0.9); AdamW's decay is not (p ≈ 0.89)
    assertThat(a[0][0] - w[0][0]).isGreaterThan(0.009f);
  }

  @Test
  void hasTorchDefaults() {
    assertThat(AdamW.Options.defaults()).isEqualTo(new AdamW.Options(1e-3, 0.9, 0.999, 1e-8, 1e-2));
  }

  @Test
  void rejectsInvalidOptionsNamingAdamW() {
    assertThatThrownBy(() -> AdamW.Options.defaults().withWeightDecay(-1))
        .hasMessage("AdamW.Options: weightDecay = -1.0, expected a finite value >= 0");
  }
}
