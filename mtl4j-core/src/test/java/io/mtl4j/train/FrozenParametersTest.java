package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.optim.LrSchedule;
import io.mtl4j.optim.Optimizer;
import io.mtl4j.optim.Optimizers;
import io.mtl4j.weighting.EW;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Freezing masks the update: frozen values and their optimizer state never move, weight decay included. */
class FrozenParametersTest {
  private static StepExecutor executor(MultiTaskModel model, String optimizer, Map<String, Object> options,
                                       List<String> frozen, DataParallel parallel) {
    Optimizer o = Optimizers.create(optimizer, options, LrSchedule.constant());
    return new StepExecutor(model, new EW(), parallel, o, Optimizers.create(optimizer), 0, 5, new double[2][1],
        FrozenParameters.resolve(model, frozen), false, true);
  }

  private static void steps(StepExecutor executor, int count) {
    BatchPlan plan = new BatchPlan.SingleInput(TrainerTest.data(90, 7, true), 30);
    plan.beginEpoch(new SplittableRandom(1));
    for (int s = 0; s < count; s++) executor.step(plan, 0, s);
  }

  @ParameterizedTest
  @CsvSource({"adam, shared", "adam, task:sign", "adamw, shared", "sgd, task:sum"})
  void frozenValuesAndTheirOptimizerStateStayExactlyUnchanged(String optimizer, String selector) {
    MultiTaskModel model = TrainerTest.model(2);
    Map<String, Object> options = optimizer.equals("sgd")
        ? Map.of("learningRate", 0.1, "momentum", 0.9, "weightDecay", 0.1)
        : Map.of("learningRate", 0.01, "weightDecay", 0.1);
    float[] before = model.parameters().values().clone();
    FrozenParameters frozen = FrozenParameters.resolve(model, List.of(selector));
    try (DataParallel parallel = new DataParallel(2)) {
      StepExecutor executor = executor(model, optimizer, options, List.of(selector), parallel);
      steps(executor, 3);
      float[] after = model.parameters().values();
      int[][] trainable = frozen.trainable(after.length);
      boolean[] trains = new boolean[after.length];
      for (int[] r : trainable) Arrays.fill(trains, r[0], r[1], true);
      Map<String, float[]> state = executor.optimizer().state().arrays();
      int moved = 0;
      for (int i = 0; i < after.length; i++) {
        if (trains[i]) {
          if (after[i] != before[i]) moved++;
          continue;
        }
        assertThat(Float.floatToRawIntBits(after[i])).as("frozen value %d", i)
            .isEqualTo(Float.floatToRawIntBits(before[i]));
        for (Map.Entry<String, float[]> e : state.entrySet()) {
          assertThat(Float.floatToRawIntBits(e.getValue()[i])).as("%s of frozen value %d", e.getKey(), i).isZero();
        }
      }
      assertThat(moved).as("trainable values that moved").isGreaterThan(frozen.trainable(after.length).length);
      assertThat(frozen.size()).isPositive();
    }
  }

  /** On the first step no frozen value has yet changed what the others see: they must train exactly as unfrozen. */
  @ParameterizedTest
  @CsvSource({"adam, shared", "sgd, task:sign"})
  void trainableValuesStepExactlyAsWithoutFreezing(String optimizer, String selector) {
    MultiTaskModel frozenModel = TrainerTest.model(3), freeModel = TrainerTest.model(3);
    Map<String, Object> options = Map.of("learningRate", 0.05, "weightDecay", 0.01);
    try (DataParallel parallel = new DataParallel(2)) {
      steps(executor(frozenModel, optimizer, options, List.of(selector), parallel), 1);
      steps(executor(freeModel, optimizer, options, List.of(), parallel), 1);
    }
    float[] a = frozenModel.parameters().values(), b = freeModel.parameters().values();
    for (int[] r : FrozenParameters.resolve(frozenModel, List.of(selector)).trainable(a.length)) {
      assertThat(Arrays.copyOfRange(a, r[0], r[1])).containsExactly(Arrays.copyOfRange(b, r[0], r[1]));
    }
  }

  /** State (running statistics) lies after the trained range: the stepped ranges end there, frozen or not. */
  @Test
  void trainableRangesEndAtTheTrainedLength() {
    MultiTaskModel model = TrainerTest.model(2);
    int length = model.parameters().size();
    FrozenParameters frozen = FrozenParameters.resolve(model, List.of("shared"));
    int[][] all = frozen.trainable(length);
    int cut = all[all.length - 1][0] + 1; // as if the buffer's trained part ended one value into the last range
    int[][] stepped = frozen.trainable(cut);
    for (int[] r : stepped) assertThat(r[1]).isLessThanOrEqualTo(cut);
    assertThat(stepped[stepped.length - 1]).containsExactly(all[all.length - 1][0], cut);
    // everything before the end frozen: nothing is stepped
    assertThat(frozen.trainable(all[0][0])).isEmpty();
  }
}
