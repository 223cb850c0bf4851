package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Dataset;
import io.mtl4j.optim.Adam;
import io.mtl4j.optim.SGD;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import io.mtl4j.weighting.Weightings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API's objects (weighting factories, optimizer options) and names bound through registries. */
class TrainingConfigTest {
  private static final Dataset TRAIN = TrainerTest.data(150, 3, true);
  private static final Dataset VALID = TrainerTest.data(60, 4, false);

  /** A weighting only this test knows: back-propagates one task's loss and ignores the others. */
  static final class OnlyTask implements Weighting {
    private final int task;

    OnlyTask(int task) {
      this.task = task;
    }

    @Override
    public Requirements requirements() {
      return Requirements.LOSSES;
    }

    @Override
    public StepWeights combine(WeightingContext ctx) {
      double[] w = new double[ctx.taskCount()];
      w[task] = 1;
      return StepWeights.of(w);
    }
  }

  /** A stateful one: step k scales every loss by 1/(1 + k), counting the steps itself. */
  static class Decaying implements Weighting {
    double calls;

    @Override
    public Requirements requirements() {
      return Requirements.LOSSES;
    }

    @Override
    public StepWeights combine(WeightingContext ctx) {
      double[] w = new double[ctx.taskCount()];
      java.util.Arrays.fill(w, 1 / (1 + calls++));
      return StepWeights.of(w);
    }

    @Override
    public Map<String, double[]> state() {
      return Map.of("calls", new double[] {calls});
    }
  }

  /** {@link Decaying} that can be resumed. */
  static final class ResumableDecaying extends Decaying {
    @Override
    public void restoreState(Map<String, double[]> state) {
      calls = state.get("calls")[0];
    }
  }

  private static MultiTaskModel fit(TrainingConfig config) {
    MultiTaskModel m = TrainerTest.model(1);
    new Trainer(config).fit(m, TRAIN, VALID);
    return m;
  }

  /** The values of the parameters only {@code task} owns (its gate and tower), in buffer order. */
  private static float[] owned(MultiTaskModel m, int task) {
    float[] values = m.parameters().values();
    java.util.stream.Stream.Builder<float[]> parts = java.util.stream.Stream.builder();
    for (int[] range : m.parameters().rangesOwnedBy(task)) parts.add(java.util.Arrays.copyOfRange(values, range[0], range[1]));
    float[][] all = parts.build().toArray(float[][]::new);
    float[] out = new float[java.util.Arrays.stream(all).mapToInt(a -> a.length).sum()];
    int at = 0;
    for (float[] a : all) {
      System.arraycopy(a, 0, out, at, a.length);
      at += a.length;
    }
    return out;
  }

  @Test
  void trainsWithAWeightingObjectDefinedOutsideTheLibrary() {
    MultiTaskModel start = TrainerTest.model(1);
    MultiTaskModel trained = fit(TrainerTest.config().weighting(() -> new OnlyTask(0)).build());
    assertThat(owned(trained, 1)).as("the ignored task's own parameters get no gradient").containsExactly(owned(start, 1));
    assertThat(owned(trained, 0)).isNotEqualTo(owned(start, 0));
  }

  @Test
  void bindsAUserWeightingRegisteredUnderANameFromAnOptionMap() {
    Registry<Weighting> mine = Weightings.defaults().with("only-task", o -> new OnlyTask(o.integer("task", 0)));
    TrainingConfig config = TrainerTest.config().weightings(mine).weighting("Only_Task", Map.of("Task", 1)).build();
    MultiTaskModel start = TrainerTest.model(1), trained = fit(config);
    assertThat(owned(trained, 0)).containsExactly(owned(start, 0));
    assertThat(owned(trained, 1)).isNotEqualTo(owned(start, 1));
    assertThat(config.toMap()).containsEntry("weighting", "Only_Task").containsEntry("weightingOptions", new java.util.TreeMap<>(Map.of("Task", 1)));
    assertThat(Weightings.defaults().contains("only-task")).as("the built-in registry is unchanged").isFalse();
  }

  @Test
  void rejectsABadOptionOfAUserWeightingWhenBuilt() {
    Registry<Weighting> mine = Weightings.defaults().with("only-task", o -> new OnlyTask(o.integer("task", 0)));
    assertThatThrownBy(() -> TrainerTest.config().weightings(mine).weighting("only-task", Map.of("tsk", 1)).build())
        .hasMessage("weighting.options: unknown option 'tsk'; known: [task]");
    assertThatThrownBy(() -> TrainerTest.config().weightings(mine).weighting("only-task", Map.of("task", "first")).build())
        .hasMessage("weighting.options.task = 'first': expected an integer");
    assertThatThrownBy(() -> TrainerTest.config().weighting("only-task").build())
        .as("names bind through the registry given to the builder, the built-in one by default")
        .hasMessageStartingWith("unknown weighting 'only-task'; known: [ew, ");
  }

  @Test
  void givesEachRunAWeightingOfItsOwn() {
    TrainingConfig config = TrainerTest.config().weighting(Decaying::new).build();
    assertThat(fit(config).parameters().values()).containsExactly(fit(config).parameters().values());
  }

  @Test
  void recordsTheClassNameOrTheGivenNameOfAWeightingFromCode() {
    assertThat(TrainingConfig.builder().weighting(() -> new OnlyTask(0)).build().toMap())
        .containsEntry("weighting", "OnlyTask").containsEntry("weightingOptions", new java.util.TreeMap<>());
    assertThat(TrainingConfig.builder().weighting("only-first", () -> new OnlyTask(0)).build().weighting().name())
        .isEqualTo("only-first");
    assertThatThrownBy(() -> TrainingConfig.builder().weighting(() -> null).build())
        .hasMessage("training.weighting: the factory returned null");
  }

  @Test
  void anOptimizerOptionsObjectTrainsLikeItsNameAndMap() {
    TrainingConfig object = TrainerTest.config().optimizer(new SGD.Options(0.05, 0.9, 0, true)).build();
    TrainingConfig named = TrainerTest.config()
        .optimizer("sgd", Map.of("learningRate", 0.05, "momentum", 0.9, "nesterov", true)).build();
    assertThat(fit(object).parameters().values()).containsExactly(fit(named).parameters().values());
    assertThat(object.toMap()).containsEntry("optimizer", "sgd").containsEntry("optimizerOptions",
        new java.util.TreeMap<>(Map.of("learningRate", 0.05, "momentum", 0.9, "weightDecay", 0.0, "nesterov", true)));
  }

  @Test
  void learningRateOverridesTheOptionsObjectsRate() {
    TrainingConfig c = TrainingConfig.builder().optimizer(Adam.Options.defaults()).learningRate(0.01).build();
    assertThat(c.optimizer().value()).isEqualTo(Adam.Options.defaults().withLearningRate(0.01));
    assertThat(c.toMap().get("optimizerOptions")).isEqualTo(c.toBuilder().build().toMap().get("optimizerOptions"));
  }

  @Test
  void resumesARunOfAUserWeightingExactly(@TempDir Path dir) {
    TrainingConfig c = TrainerTest.config().epochs(3).checkpointEvery(2).weighting(ResumableDecaying::new).build();
    float[] uninterrupted = fit(c).parameters().values();
    MultiTaskModel crashed = TrainerTest.model(1);
    assertThatThrownBy(() -> new Trainer(c, crashAtEpochEnd(1)).checkpoints(dir, false).fit(crashed, TRAIN, VALID))
        .isInstanceOf(TrainerResumeTest.Crash.class);
    MultiTaskModel resumed = TrainerTest.model(99);
    new Trainer(c).checkpoints(dir, true).fit(resumed, TRAIN, VALID);
    assertThat(resumed.parameters().values()).containsExactly(uninterrupted);
  }

  @Test
  void refusesToResumeAUserWeightingThatCannotRestoreItsState(@TempDir Path dir) {
    TrainingConfig c = TrainerTest.config().epochs(3).checkpointEvery(2).weighting(Decaying::new).build();
    MultiTaskModel crashed = TrainerTest.model(1);
    assertThatThrownBy(() -> new Trainer(c, crashAtEpochEnd(1)).checkpoints(dir, false).fit(crashed, TRAIN, VALID))
        .isInstanceOf(TrainerResumeTest.Crash.class);
    assertThatThrownBy(() -> new Trainer(c).checkpoints(dir, true).fit(TrainerTest.model(1), TRAIN, VALID))
        .hasMessageContaining("Decaying cannot restore its state [calls]");
  }

  private static TrainingListener crashAtEpochEnd(int epoch) {
    return new TrainingListener() {
      @Override
      public void onEpochEnd(EpochRecord record) {
        if (record.epoch() == epoch) throw new TrainerResumeTest.Crash();
      }
    };
  }
}
