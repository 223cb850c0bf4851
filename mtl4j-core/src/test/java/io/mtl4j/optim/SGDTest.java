package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SGDTest {
  // float32 arithmetic against decimals worked by hand: a few ulps of values near 1
  private static final double TOL = 1e-6;

  private static float[] run(SGD sgd, float p0, float g, int steps) {
    float[] p = {p0};
    float[] out = new float[steps];
    for (int s = 0; s < steps; s++) {
      sgd.step(p, new float[] {g});
      out[s] = p[0];
    }
    return out;
  }

  @Test
  void plainStepSubtractsLearningRateTimesGradient() {
    float[] p = {1f, -2f};
    SGD sgd = new SGD(SGD.Options.of(0.1));
    sgd.step(p, new float[] {0.5f, 1f});
    assertThat(p[0]).isCloseTo(0.95f, within(1e-6f));
    assertThat(p[1]).isCloseTo(-2.1f, within(1e-6f));
    sgd.step(p, new float[] {0.5f, 1f});
    assertThat(p[0]).isCloseTo(0.9f, within(1e-6f));
    assertThat(p[1]).isCloseTo(-2.2f, within(1e-6f));
    assertThat(sgd.steps()).isEqualTo(2);
  }

  @Test
  void heavyBallMomentumAccumulatesTheGradient() {
    // b1 = 0.5, b2 = 0.9·0.5 + 0.5 = 0.95, b3 = 0.9·0.95 + 0.5 = 1.355; p -= 0.1·b
    float[] p = run(new SGD(SGD.Options.of(0.1).withMomentum(0.9, false)), 1f, 0.5f, 3);
    assertThat((double) p[0]).isCloseTo(0.95, within(TOL));
    assertThat((double) p[1]).isCloseTo(0.855, within(TOL));
    assertThat((double) p[2]).isCloseTo(0.7195, within(TOL));
  }

  @Test
  void nesterovLooksAheadAlongTheMomentum() {
    // update = g + μ·b: 0.5 + 0.45 = 0.95, 0.5 + 0.855 = 1.355, 0.5 + 1.2195 = 1.7195
    float[] p = run(new SGD(SGD.Options.of(0.1).withMomentum(0.9, true)), 1f, 0.5f, 3);
    assertThat((double) p[0]).isCloseTo(0.905, within(TOL));
    assertThat((double) p[1]).isCloseTo(0.7695, within(TOL));
    assertThat((double) p[2]).isCloseTo(0.59755, within(TOL));
  }

  @Test
  void nesterovMovesFurtherThanHeavyBallOnAConstantGradient() {
    float[] plain = run(new SGD(SGD.Options.of(0.1).withMomentum(0.9, false)), 1f, 0.5f, 5);
    float[] nesterov = run(new SGD(SGD.Options.of(0.1).withMomentum(0.9, true)), 1f, 0.5f, 5);
    for (int s = 0; s < 5; s++) {
      assertThat(nesterov[s]).isLessThan(plain[s]);
    }
  }

  @Test
  void weightDecayIsAnL2TermAddedToTheGradient() {
    // g' = 0.5 + 0.1·1 = 0.6 → 0.94; g' = 0.5 + 0.1·0.94 = 0.594 → 0.8806
    float[] p = run(new SGD(SGD.Options.of(0.1).withWeightDecay(0.1)), 1f, 0.5f, 2);
    assertThat((double) p[0]).isCloseTo(0.94, within(TOL));
    assertThat((double) p[1]).isCloseTo(0.8806, within(TOL));
  }

  @Test
  void updatesOnlyTheGivenRange() {
    float[] p = {1, 1, 1, 1};
    new SGD(SGD.Options.of(1).withMomentum(0.5, false)).step(p, new float[] {1, 1, 1, 1}, 1, 3);
    assertThat(p).containsExactly(1, 0, 0, 1);
  }

  @Test
  void scheduleScalesTheBaseRate() {
    SGD sgd = new SGD(SGD.Options.of(0.1), LrSchedule.stepDecay(1, 0.5));
    float[] p = {0};
    sgd.step(p, new float[] {1}); // lr 0.1
    sgd.step(p, new float[] {1}); // lr 0.05
    assertThat((double) p[0]).isCloseTo(-0.15, within(TOL));
    assertThat(sgd.learningRate()).isCloseTo(0.025, within(1e-15));
  }

  @Test
  void rejectsInvalidOptions() {
    assertThatThrownBy(() -> SGD.Options.of(0))
        .hasMessage("SGD.Options: learningRate = 0.0, expected a finite value > 0");
    assertThatThrownBy(() -> SGD.Options.of(Double.POSITIVE_INFINITY))
        .hasMessage("SGD.Options: learningRate = Infinity, expected a finite value > 0");
    assertThatThrownBy(() -> SGD.Options.of(0.1).withMomentum(1.0, false))
        .hasMessage("SGD.Options: momentum = 1.0, expected a value in [0, 1)");
    assertThatThrownBy(() -> SGD.Options.of(0.1).withWeightDecay(-1e-4))
        .hasMessage("SGD.Options: weightDecay = -1.0E-4, expected a finite value >= 0");
    assertThatThrownBy(() -> SGD.Options.of(0.1).withMomentum(0, true))
        .hasMessage("SGD.Options: nesterov = true needs momentum > 0, got momentum = 0.0");
  }

  @Test
  void rejectsRangesOutsideTheBuffers() {
    SGD sgd = new SGD(SGD.Options.of(0.1));
    assertThatThrownBy(() -> sgd.step(new float[3], new float[3], 2, 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[2, 4)").hasMessageContaining("length 3");
    assertThatThrownBy(() -> sgd.step(new float[3], new float[2], 0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grads has length 2");
  }
}
