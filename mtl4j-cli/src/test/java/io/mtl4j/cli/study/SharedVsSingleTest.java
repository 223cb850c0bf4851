package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared-vs-single table behind `study fdu-mtl` and `study newsgroups`. */
class SharedVsSingleTest {
  @Test
  void tableAveragesEachModelOverSeedsPerTaskAndGivesTheGain() {
    List<SharedVsSingle.Run> runs = List.of(
        new SharedVsSingle.Run("single-task", 1, new double[] {0.80, 0.60}, 1),
        new SharedVsSingle.Run("shared-mtl", 1, new double[] {0.90, 0.70}, 1),
        new SharedVsSingle.Run("single-task", 2, new double[] {0.70, 0.60}, 1),
        new SharedVsSingle.Run("shared-mtl", 2, new double[] {0.80, 0.50}, 1));
    String table = SharedVsSingle.table(runs, List.of("a", "b"), "domain");
    // a: single (80 + 70) / 2 = 75, shared (90 + 80) / 2 = 85; b: 60 and 60; averages 67.5 and 72.5.
    assertThat(table.lines().toList()).containsExactly(
        "| domain | single-task | shared-mtl | gain |",
        "| --- | ---: | ---: | ---: |",
        "| a | 75.00 | 85.00 | +10.00 |",
        "| b | 60.00 | 60.00 | +0.00 |",
        "| **average** | 67.50 | 72.50 | +5.00 |");
  }
}
