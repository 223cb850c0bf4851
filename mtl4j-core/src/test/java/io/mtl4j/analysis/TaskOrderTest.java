package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.tensor.Permutations;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskOrderTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void putsShuffledBlocksBackSideBySide(long seed) {
    // Blocks {0..2}, {3..5}, {6, 7} under a random relabelling; similarity 1 within a block, noise below 0.3 across.
    SplittableRandom r = new SplittableRandom(seed);
    int[] block = {0, 0, 0, 1, 1, 1, 2, 2};
    int[] perm = Permutations.shuffled(8, r); // a random relabelling of the eight tasks
    double[][] sim = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) sim[i][j] = block[perm[i]] == block[perm[j]] ? 1 : 0.3 * r.nextDouble();
    }
    int[] order = TaskOrder.clustered(sim);
    assertThat(order).hasSize(8).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
    int changes = 0;
    for (int k = 1; k < 8; k++) if (block[perm[order[k]]] != block[perm[order[k - 1]]]) changes++;
    assertThat(changes).isEqualTo(2); // three contiguous blocks
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void groupsStopMergingWhereTheLinkageFallsBelowTheThreshold(long seed) {
    // Blocks {0..2}, {3..5}, {6}, {7} under a random relabelling; 6 and 7 opposed (−1), noise in [0, 0.3) across.
    SplittableRandom r = new SplittableRandom(seed);
    int[] block = {0, 0, 0, 1, 1, 1, 2, 3};
    int[] perm = Permutations.shuffled(8, r); // a random relabelling of the eight tasks
    double[][] sim = new double[8][8];
    for (int i = 0; i < 8; i++) {
      for (int j = 0; j < 8; j++) {
        boolean opposed = block[perm[i]] + block[perm[j]] == 5 && block[perm[i]] != block[perm[j]];
        sim[i][j] = block[perm[i]] == block[perm[j]] ? 1 : opposed ? -1 : 0.3 * r.nextDouble();
      }
    }
    java.util.List<java.util.List<Integer>> groups = TaskOrder.groups(sim, 0.5);
    assertThat(groups).hasSize(4);
    for (java.util.List<Integer> g : groups) {
      assertThat(g.stream().map(i -> block[perm[i]]).distinct()).as("one block per group").hasSize(1);
      assertThat(g.get(0)).as("lowest index first").isEqualTo(g.stream().min(Integer::compare).orElseThrow());
    }
    assertThat(TaskOrder.groups(sim, Double.NEGATIVE_INFINITY)).as("no threshold: one group").hasSize(1);
  }
}
