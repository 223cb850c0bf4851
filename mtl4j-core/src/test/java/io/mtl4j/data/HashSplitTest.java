package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HashSplitTest {
  @ParameterizedTest(name = "valid {0}, seed {1}")
  @CsvSource({"0.1, 1", "0.25, 2", "0.5, 3"})
  void putsTheRequestedFractionOfRowsOnTheValidationSideForTheSameSeedAlways(double valid, long seed) {
    HashSplit split = new HashSplit(valid, seed), again = new HashSplit(valid, seed);
    int n = 100_000, validation = 0;
    for (long r = 0; r < n; r++) {
      assertThat(again.isValidation(r)).isEqualTo(split.isValidation(r));
      if (split.isValidation(r)) validation++;
    }
    // Binomial(n, valid): 5 standard deviations.
    assertThat((double) validation / n).isCloseTo(valid, within(5 * Math.sqrt(valid * (1 - valid) / n)));
  }

  @Test
  void anotherSeedChoosesOtherRows() {
    HashSplit a = new HashSplit(0.5, 1), b = new HashSplit(0.5, 2);
    int differ = 0;
    for (long r = 0; r < 1000; r++) if (a.isValidation(r) != b.isValidation(r)) differ++;
    assertThat(differ).isBetween(400, 600);
  }

  @Test
  void zeroKeepsEveryRowForTraining() {
    HashSplit none = new HashSplit(0, 7);
    for (long r = 0; r < 1000; r++) assertThat(none.isValidation(r)).isFalse();
  }

  @Test
  void refusesAFractionOutsideZeroToOne() {
    assertThatThrownBy(() -> new HashSplit(1, 1)).hasMessageContaining("split.valid = 1.0");
    assertThatThrownBy(() -> new HashSplit(-0.1, 1)).hasMessageContaining("expected a fraction in [0, 1)");
  }
}
