package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskGroupingTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void exactSearchMatchesBruteForceOnSmallCases(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int tasks = 3 + r.nextInt(3), models = 1 + r.nextInt(3);
    double[][] a = random(tasks, r);
    TaskGrouping.Grouping g = TaskGrouping.exact(a, models);
    assertThat(g.score()).isCloseTo(bruteForce(a, models), within(1e-12));
    assertThat(g.groups()).hasSizeLessThanOrEqualTo(models);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void beamSearchNeverBeatsTheExactOptimumAndComesClose(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] a = random(9, r);
    double exact = TaskGrouping.exact(a, 3).score();
    double beam = TaskGrouping.beam(a, 3, TaskGrouping.BEAM_WIDTH).score();
    assertThat(beam).isLessThanOrEqualTo(exact + 1e-12);
    // Affinities are N(0, 1): the single-task grouping scores 0, the optimum several units above it.
    assertThat(beam).isGreaterThanOrEqualTo(0.9 * exact);
  }

  @Test
  void recoversPlantedBlocksBeyondTheExactLimit() {
    // 14 tasks in blocks of 5, 5 and 4: affinity 1 inside a block, −1 across (beam search: T > 12).
    int[] block = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2};
    double[][] a = new double[14][14];
    for (int i = 0; i < 14; i++) for (int j = 0; j < 14; j++) a[i][j] = block[i] == block[j] ? 1 : -1;
    TaskGrouping.Grouping g = TaskGrouping.choose(a, 3);
    assertThat(g.groups()).extracting(java.util.Arrays::toString).containsExactlyInAnyOrder(
        "[0, 1, 2, 3, 4]", "[5, 6, 7, 8, 9]", "[10, 11, 12, 13]");
  }

  @Test
  void aTaskMayBeServedByAGroupItDoesNotSharpen() {
    // Task 2 helps 0 and 1 (by 2) but is hurt by them (−3): with two models it rides in {0, 1, 2} for their sake
    // (0 and 1 get (1 + 2)/2 each there, 1 in {0, 1}) and is served by a model of its own, where it scores 0.
    double[][] a = {{0, 1, -3}, {1, 0, -3}, {2, 2, 0}};
    TaskGrouping.Grouping g = TaskGrouping.exact(a, 2);
    assertThat(g.score()).isCloseTo(3, within(1e-12));
    assertThat(g.groups().get(g.servedBy()[2])).containsExactly(2);
    assertThat(g.groups().get(g.servedBy()[0])).containsExactly(0, 1, 2);
    assertThat(g.groups()).extracting(java.util.Arrays::toString).containsExactlyInAnyOrder("[0, 1, 2]", "[2]");
  }

  @Test
  void refusesAnEmptyBudget() {
    assertThatThrownBy(() -> TaskGrouping.choose(new double[2][2], 0)).hasMessageContaining("models = 0");
  }

  private static double[][] random(int tasks, SplittableRandom r) {
    double[][] a = new double[tasks][tasks];
    for (int i = 0; i < tasks; i++) for (int j = 0; j < tasks; j++) a[i][j] = r.nextGaussian();
    return a;
  }

  /** Every collection of up to {@code models} non-empty groups covering all tasks. */
  private static double bruteForce(double[][] a, int models) {
    return best(a, models, new long[0], 1);
  }

  private static double best(double[][] a, int left, long[] chosen, long from) {
    long full = (1L << a.length) - 1;
    double best = TaskGrouping.total(a, chosen);
    if (left == 0) return best;
    for (long s = from; s <= full; s++) {
      long[] next = java.util.Arrays.copyOf(chosen, chosen.length + 1);
      next[chosen.length] = s;
      best = Math.max(best, best(a, left - 1, next, s + 1));
    }
    return best;
  }
}
