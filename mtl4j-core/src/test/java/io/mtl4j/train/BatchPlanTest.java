package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.AuxiliaryTargets;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MaskedTokenTest;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.List;
import java.util.Map;
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

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void drawsTheMaskedTokensAnewForEachEpochFromTheSeedItIsGiven(long seed) {
    List<Task> tasks = List.of(Task.of("long", TaskType.binary()), Task.maskedToken("masked", 8, "text"));
    Dataset data = AuxiliaryTargets.fill(MaskedTokenTest.tokens(40, seed), tasks, seed);
    BatchPlan single = new BatchPlan.SingleInput(data, 40);
    BatchPlan multi = new BatchPlan.MultiInput(MultiInputData.of(Map.of("long", data.select(new int[] {0, 1}),
        "masked", data)), List.of("long", "masked"), 40, Sampling.CYCLE);
    for (BatchPlan plan : List.of(single, multi)) {
      float[] epoch0 = hidden(plan, tasks, seed + 10), epoch1 = hidden(plan, tasks, seed + 11);
      assertThat(epoch1).isNotEqualTo(epoch0);
      assertThat(hidden(plan, tasks, seed + 10)).containsExactly(epoch0);
    }
  }

  /** The masked task's targets of the one batch of an epoch whose targets are drawn from {@code draw}, in the epoch's order. */
  private static float[] hidden(BatchPlan plan, List<Task> tasks, long draw) {
    plan.drawTargets(tasks, draw);
    plan.beginEpoch(new SplittableRandom(7));
    Batch[] perTask = new Batch[2];
    plan.next(perTask);
    return perTask[1].labels(perTask[1].taskIndex("masked")).toArray();
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
