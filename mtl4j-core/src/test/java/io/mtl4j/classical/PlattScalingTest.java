package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PlattScalingTest {
  /** Labels drawn from P(y = 1 | f) = 1/(1 + exp(A·f + B)): the fit recovers A and B. */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void recoversTheParametersOfALogisticModelOfTheMargins(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double a = -1.5 - r.nextDouble(), b = r.nextDouble() - 0.5;
    int n = 20_000;
    double[] f = new double[n], y = new double[n];
    PlattScaling truth = new PlattScaling(a, b);
    for (int i = 0; i < n; i++) {
      f[i] = 3 * r.nextGaussian();
      y[i] = r.nextDouble() < truth.probability(f[i]) ? 1 : -1;
    }
    PlattScaling fit = PlattScaling.fit(f, y);
    // Standard errors at n = 20,000 are about 0.03 for A and 0.02 for B; 0.15 is five of them.
    assertThat(fit.a()).isCloseTo(a, within(0.15));
    assertThat(fit.b()).isCloseTo(b, within(0.15));
  }

  @Test
  void separableMarginsGiveFiniteProbabilitiesOrderedByMargin() {
    double[] f = {-3, -2, -1, 1, 2, 3};
    double[] y = {-1, -1, -1, 1, 1, 1};
    PlattScaling p = PlattScaling.fit(f, y);
    assertThat(p.probability(-1)).isLessThan(0.5);
    assertThat(p.probability(1)).isGreaterThan(0.5);
    // Platt's smoothed targets (N+ + 1)/(N+ + 2) keep the probabilities off 0 and 1 at the data's margins.
    assertThat(p.probability(3)).isLessThan(1).isGreaterThan(p.probability(1));
    assertThat(p.probability(1e6)).isEqualTo(1.0);
    assertThat(p.probability(-1e6)).isEqualTo(0.0);
  }

  @Test
  void oneClassAloneStillGivesFiniteParameters() {
    PlattScaling p = PlattScaling.fit(new double[] {0.5, 1, 2}, new double[] {1, 1, 1});
    assertThat(p.probability(1)).isGreaterThan(0.5).isLessThan(1);
  }

  @Test
  void rejectsMismatchedInputs() {
    assertThatThrownBy(() -> PlattScaling.fit(new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same non-zero length");
  }
}
