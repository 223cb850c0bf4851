package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.weighting.Weighting.Needs;
import io.mtl4j.weighting.Weighting.Requirements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link Weighting.Requirements} refuses what no step can compute, where it is declared. */
class WeightingRequirementsTest {
  @ParameterizedTest
  @CsvSource({
      "LOSSES,               false, 3, 1,   several loss samples are supported only with SHARED_PARAM_GRADS",
      "REPRESENTATION_GRADS, false, 2, 1,   several loss samples are supported only with SHARED_PARAM_GRADS",
      "LOSSES,               true,  1, 1,   there are no gradients to take inner products of",
      "SHARED_PARAM_GRADS,   false, 0, 1,   lossSamples = 0, expected ≥ 1",
      "SHARED_PARAM_GRADS,   false, 1, 0.5, the scale applies to head gradients summed over several samples",
      "SHARED_PARAM_GRADS,   false, 3, 0,   headGradientScale = 0.0, expected a finite value > 0"})
  void rejectsCombinationsNoStepComputes(Needs needs, boolean innerProducts, int samples, double headScale,
                                         String message) {
    assertThatThrownBy(() -> new Requirements(needs, innerProducts, samples, headScale, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }

  @Test
  void withersKeepTheRestOfTheDeclaration() {
    Requirements modo = Requirements.PARAMETER_GRADIENTS.withLossSamples(3, 1.0 / 3);
    assertThat(modo).isEqualTo(new Requirements(Needs.SHARED_PARAM_GRADS, false, 3, 1.0 / 3, false));
    assertThat(Requirements.LOSSES.withLossesAfterStep())
        .isEqualTo(new Requirements(Needs.LOSSES, false, 1, 1, true));
  }

  @Test
  void methodsDeclareWhatTheirPapersCompute() {
    assertThat(new FAMO(FAMO.Options.DEFAULTS).requirements().lossesAfterStep()).isTrue();
    assertThat(new MoDo(MoDo.Options.DEFAULTS).requirements().headGradientScale()).isEqualTo(1.0 / 3);
    assertThat(new SDMGrad(SDMGrad.Options.DEFAULTS).requirements().lossSamples()).isEqualTo(3);
    assertThat(new GradDrop(GradDrop.Options.DEFAULTS).requirements().needs()).isEqualTo(Needs.REPRESENTATION_GRADS);
    assertThat(new EW().requirements()).isEqualTo(Requirements.LOSSES);
  }
}
