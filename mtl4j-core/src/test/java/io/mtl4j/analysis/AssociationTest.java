package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AssociationTest {
  @Test
  void pearsonMatchesHandComputedValue() {
    // x = 1..4, y = 2, 4, 5, 9: means 2.5 and 5; Σdxdy = 11, Σdx² = 5, Σdy² = 26 → 11/√130.
    assertThat(Association.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 9}))
        .isCloseTo(11 / Math.sqrt(130), within(1e-12));
  }

  @Test
  void spearmanIsOneForAnyIncreasingMapAndSharesTiedRanks() {
    double[] x = {0.1, 0.5, 2, 7, 30};
    double[] y = {-3, 1, 8, 100, 101};
    assertThat(Association.spearman(x, y)).isCloseTo(1, within(1e-12));
    assertThat(Association.ranks(new double[] {5, 1, 5, 3})).containsExactly(3.5, 1, 3.5, 2);
  }

  @Test
  void constantColumnHasNoCorrelation() {
    assertThat(Association.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
  }

  @Test
  void identicalBinaryColumnsShareOneBitOfInformationAndFullCramersV() {
    int[] a = {0, 1, 0, 1, 1, 0};
    long[][] table = Association.table(a, 2, a, 2);
    assertThat(Association.mutualInformation(table)).isCloseTo(Math.log(2), within(1e-12));
    assertThat(Association.cramersV(table)).isCloseTo(1, within(1e-12));
  }

  @Test
  void independentTableHasZeroInformationAndZeroCramersV() {
    long[][] table = {{10, 20}, {30, 60}}; // rows ∝ columns: p(a, b) = p(a)·p(b)
    assertThat(Association.mutualInformation(table)).isCloseTo(0, within(1e-12));
    assertThat(Association.cramersV(table)).isCloseTo(0, within(1e-12));
  }

  @Test
  void cramersVOfAHandComputedTable() {
    // [[20, 10], [10, 20]]: expected 15 everywhere, χ² = 4·25/15, n = 60, min(r, c) − 1 = 1.
    assertThat(Association.cramersV(new long[][] {{20, 10}, {10, 20}})).isCloseTo(Math.sqrt(100.0 / 15 / 60), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void quantileBinsHoldEqualCountsWhateverTheScale(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) v[i] = Math.exp(3 * r.nextGaussian());
    int[] counts = new int[10];
    for (int c : Association.quantileCodes(v, 10)) counts[c]++;
    assertThat(counts).containsOnly(100);
  }
}
