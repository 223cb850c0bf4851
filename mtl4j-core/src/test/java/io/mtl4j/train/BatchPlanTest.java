package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Sampling;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchPlanTest {
  private static final int ROWS = 50;

  @ParameterizedTest
  @ValueSource(ints = {ROWS, ROWS + 1, 400_000_000, Integer.MAX_VALUE})
  void batchAboveTheRowCountIsOneStepOverAllRows(int batchSize) {
    BatchPlan plan = new BatchPlan.SingleInput(TrainerTest.data(ROWS, 3, true), batchSize);
    plan.beginEpoch(new SplittableRandom(7));
    Batch[] perTask = new Batch[2];
    plan.next(perTask);
    assertThat(plan.stepsPerEpoch()).isEqualTo(1);
    assertThat(perTask[0].rows()).isEqualTo(ROWS);
  }

  @ParameterizedTest
  @ValueSource(ints = {400_000_000, Integer.MAX_VALUE})
  void multiInputBatchAboveTheLargestTaskIsOneStepPerEpoch(int batchSize) {
    BatchPlan plan = new BatchPlan.MultiInput(TrainerTest.multiInput(TrainerTest.data(ROWS, 3, false),
        TrainerTest.data(ROWS / 2, 4, false)), List.of("sum", "sign"), batchSize, Sampling.CYCLE);
    plan.beginEpoch(new SplittableRandom(7));
    Batch[] perTask = new Batch[2];
    plan.next(perTask);
    assertThat(plan.stepsPerEpoch()).isEqualTo(1);
    assertThat(perTask[0].rows()).isEqualTo(ROWS);
    assertThat(perTask[1].rows()).isEqualTo(ROWS / 2);
  }

  @Test
  void trainingWithABatchAboveTheRowCountGivesTheWeightsOfABatchOfAllRows() {
    MultiTaskModel all = TrainerTest.model(1), huge = TrainerTest.model(1);
    new Trainer(TrainerTest.config().batchSize(ROWS).threads(2).build()).fit(all, TrainerTest.data(ROWS, 3, true), null);
    new Trainer(TrainerTest.config().batchSize(Integer.MAX_VALUE).threads(2).build())
        .fit(huge, TrainerTest.data(ROWS, 3, true), null);
    assertThat(huge.parameters().values()).containsExactly(all.parameters().values());
  }
}
