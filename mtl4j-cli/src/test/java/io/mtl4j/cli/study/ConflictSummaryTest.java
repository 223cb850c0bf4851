package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a planted task cost each model, paired by seed. */
class ConflictSummaryTest {
  @Test
  void eachPlantedVariantIsComparedWithItsPlainTwinSeedBySeed() {
    List<SharedVsSingle.Run> runs = List.of(
        new SharedVsSingle.Run("sb", 1, new double[] {0.80, 0.90}, 1),
        new SharedVsSingle.Run("sb+x", 1, new double[] {0.70, 0.80}, 1, new double[] {0.60}),
        new SharedVsSingle.Run("sb", 2, new double[] {0.90, 0.90}, 1),
        new SharedVsSingle.Run("sb+x", 2, new double[] {0.90, 0.80}, 1, new double[] {0.70}),
        new SharedVsSingle.Run("asp", 1, new double[] {0.80, 0.80}, 1),
        new SharedVsSingle.Run("asp+x", 1, new double[] {0.80, 0.80}, 1, new double[] {0.90}),
        new SharedVsSingle.Run("asp+x", 2, new double[] {0.10, 0.10}, 1, new double[] {0.10}));
    String[] lines = ConflictSummary.table(runs).split("\n");
    assertThat(lines).hasSize(4);
    // sb: 85 → 75 (−10) on seed 1, 90 → 85 (−5) on seed 2; planted task 60 and 70.
    assertThat(lines[2]).isEqualTo("| sb+x | 2 | 87.50 ± 3.54 | 80.00 ± 7.07 | -7.50 ± 3.54 | -10.00 -5.00 | 65.00 ± 7.07 |");
    // asp+x seed 2 has no plain twin: left out rather than compared with another seed.
    assertThat(lines[3]).isEqualTo("| asp+x | 1 | 80.00 | 80.00 | +0.00 | +0.00 | 90.00 |");
  }
}
