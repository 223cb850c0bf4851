package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {
  private static final double TOL = 1e-12; // closed forms evaluated in double

  @Test
  void constantIsOneForever() {
    assertThat(LrSchedule.constant().rate(0)).isEqualTo(1.0);
    assertThat(LrSchedule.constant().rate(1_000_000_000L)).isEqualTo(1.0);
  }

  @Test
  void stepDecayMultipliesByGammaEveryNSteps() {
    LrSchedule s = LrSchedule.stepDecay(10, 0.5);
    assertThat(s.rate(0)).isEqualTo(1.0);
    assertThat(s.rate(9)).isEqualTo(1.0);
    assertThat(s.rate(10)).isEqualTo(0.5);
    assertThat(s.rate(25)).isEqualTo(0.25);
  }

  @Test
  void cosineFallsFromOneToTheFloorAndStays() {
    LrSchedule s = LrSchedule.cosine(100, 0.1);
    assertThat(s.rate(0)).isCloseTo(1.0, within(TOL));
    assertThat(s.rate(25)).isCloseTo(0.1 + 0.9 * (1 + Math.sqrt(0.5)) / 2, within(TOL));
    assertThat(s.rate(50)).isCloseTo(0.55, within(TOL));
    assertThat(s.rate(100)).isCloseTo(0.1, within(TOL));
    assertThat(s.rate(5000)).isCloseTo(0.1, within(TOL));
  }

  @Test
  void warmupRampsLinearlyThenDefersToTheWrappedSchedule() {
    LrSchedule s = LrSchedule.warmup(4, LrSchedule.stepDecay(2, 0.5));
    assertThat(s.rate(0)).isCloseTo(0.25, within(TOL));
    assertThat(s.rate(1)).isCloseTo(0.5, within(TOL));
    assertThat(s.rate(2)).isCloseTo(0.75 * 0.5, within(TOL));
    assertThat(s.rate(3)).isCloseTo(0.5, within(TOL));
    assertThat(s.rate(4)).isCloseTo(0.25, within(TOL));
  }

  @Test
  void warmupOfZeroStepsIsTheWrappedSchedule() {
    LrSchedule cosine = LrSchedule.cosine(10, 0);
    assertThat(LrSchedule.warmup(0, cosine)).isSameAs(cosine);
  }

  @Test
  void optimizerReadsTheScheduleAtItsStepCount() {
    Adam adam = new Adam(Adam.Options.defaults().withLearningRate(0.2), LrSchedule.warmup(2, LrSchedule.constant()));
    assertThat(adam.learningRate()).isCloseTo(0.1, within(TOL));
    adam.step(new float[1], new float[] {1});
    assertThat(adam.learningRate()).isCloseTo(0.2, within(TOL));
  }

  @Test
  void rejectsInvalidParameters() {
    assertThatThrownBy(() -> LrSchedule.stepDecay(0, 0.5))
        .hasMessage("LrSchedule.StepDecay: everySteps = 0, expected >= 1");
    assertThatThrownBy(() -> LrSchedule.stepDecay(10, 1.5))
        .hasMessage("LrSchedule.StepDecay: gamma = 1.5, expected a value in (0, 1]");
    assertThatThrownBy(() -> LrSchedule.cosine(100, -0.1))
        .hasMessage("LrSchedule.Cosine: floor = -0.1, expected a value in [0, 1]");
    assertThatThrownBy(() -> LrSchedule.warmup(-1, LrSchedule.constant()))
        .hasMessage("LrSchedule.Warmup: warmupSteps = -1, expected >= 1");
  }
}
