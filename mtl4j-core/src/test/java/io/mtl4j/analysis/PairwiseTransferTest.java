package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PairwiseTransferTest {
  @ParameterizedTest
  @CsvSource({"2, 1, 3", "3, 3, 18", "8, 2, 72", "14, 3, 315"})
  void costsOneModelPerTaskAndPerPairForEachSeed(int tasks, int seeds, long models) {
    assertThat(PairwiseTransfer.cost(tasks, seeds)).isEqualTo(models);
  }

  /** Scores are higher-is-better: −RMSE 0.9 over −RMSE 1.0 is a 10 % gain, AUC 0.75 under 0.8 a 6.25 % loss. */
  @ParameterizedTest
  @CsvSource({"-0.9, -1.0, 10", "0.75, 0.8, -6.25", "0.8, 0.8, 0"})
  void gainIsTheRelativeChangeOverTheBaselinesMagnitude(double score, double baseline, double percent) {
    assertThat(PairwiseTransfer.gain(score, baseline)).isCloseTo(percent, within(1e-9));
  }
}
