package io.mtl4j.data.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifoldTest {
  private static final Manifold.Options OPTIONS = new Manifold.Options(20, 3, 0.5, 0.05);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void keepsAboutTheLabelledFractionAndBalancedLabels(long seed) {
    Dataset d = new Manifold(OPTIONS, seed).dataset(4000, seed, false);
    double labelled = 0, positive = 0;
    for (int i = 0; i < d.rows(); i++) {
      labelled += d.mask(Manifold.LABEL).get(i);
      positive += d.labels(Manifold.LABEL).get(i);
    }
    // Binomial(4000, 0.05): sd ≈ 14 rows, 0.0035 of the fraction; 0.015 is over four sd.
    assertThat(labelled / d.rows()).isCloseTo(0.05, within(0.015));
    // [z·w > 0] for symmetric z: half the rows, within ~6 sd.
    assertThat(positive / d.rows()).isCloseTo(0.5, within(0.05));
    assertThat(new Manifold(OPTIONS, seed).dataset(50, 9, true).mask(Manifold.LABEL).toArray()).containsOnly(1f);
  }

  @Test
  void theSameSeedsGiveTheSameRows() {
    assertThat(new Manifold(OPTIONS, 4).dataset(30, 5, false).features().toArray())
        .containsExactly(new Manifold(OPTIONS, 4).dataset(30, 5, false).features().toArray());
    assertThat(new Manifold(OPTIONS, 4).dataset(30, 5, false).features().toArray())
        .isNotEqualTo(new Manifold(OPTIONS, 5).dataset(30, 5, false).features().toArray());
  }

  @Test
  void refusesALatentAsWideAsTheInputAndFractionsOutsideTheUnitInterval() {
    assertThatThrownBy(() -> new Manifold.Options(3, 3, 0.5, 0.05)).hasMessageContaining("latent < features");
    assertThatThrownBy(() -> new Manifold.Options(10, 3, 0.5, 0)).hasMessageContaining("fraction in (0, 1]");
    assertThatThrownBy(() -> new Manifold.Options(10, 3, -1, 0.5)).hasMessageContaining("noise = -1.0");
  }
}
