package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BestEpochTest {
  @Test
  void keepsTheHighestValidatedScoresWeightsAndCountsTheEpochsSince() {
    BestEpoch best = new BestEpoch();
    float[] params = {1, 2};
    assertThat(best.offer(0, true, 0.5, params)).isTrue();
    params[0] = 9;
    assertThat(best.offer(1, true, 0.7, params)).isTrue();
    params[0] = 5;
    assertThat(best.offer(2, true, 0.6, params)).isFalse();
    assertThat(best.offer(3, true, 0.7, params)).as("a tie is not better").isFalse();
    assertThat(best.since()).isEqualTo(2);
    assertThat(best.patienceSpent(2)).isTrue();
    assertThat(best.patienceSpent(3)).isFalse();
    assertThat(best.patienceSpent(0)).as("patience 0: never stop early").isFalse();
    assertThat(best.restore(params, 4)).isEqualTo(1);
    assertThat(params).containsExactly(9, 2);
  }

  @Test
  void withoutValidationNoEpochIsChosenAndTheLastOneStays() {
    BestEpoch best = new BestEpoch();
    float[] params = {3};
    assertThat(best.offer(0, false, -0.1, params)).isFalse();
    assertThat(best.offer(1, false, -0.05, params)).isFalse();
    assertThat(best.patienceSpent(1)).isFalse();
    params[0] = 4;
    assertThat(best.restore(params, 2)).isEqualTo(1);
    assertThat(params).containsExactly(4);
    assertThat(best.weights()).isNull();
  }

  @Test
  void aCheckpointsStateIsCopiedInAndOut() {
    float[] saved = {7, 8};
    BestEpoch best = new BestEpoch(0.9, 3, 1, saved);
    saved[0] = 0;
    assertThat(best.weights()).containsExactly(7, 8);
    best.weights()[0] = 0;
    assertThat(best.weights()).containsExactly(7, 8);
    assertThat(best.score()).isEqualTo(0.9);
    assertThat(best.epoch()).isEqualTo(3);
    assertThat(best.offer(4, true, 0.8, new float[] {1, 1})).isFalse();
    assertThat(best.since()).isEqualTo(2);
  }
}
