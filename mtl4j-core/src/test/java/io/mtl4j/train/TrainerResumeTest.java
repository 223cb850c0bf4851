package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.AuxiliaryTargets;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.io.ModelFileException;
import io.mtl4j.nn.Parameter;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrainerResumeTest {
  @TempDir Path dir;

  /** Stands in for a crash (kill -9) right after a step, before anything else is written. */
  static final class Crash extends RuntimeException {}

  static TrainingListener crashAfter(long steps) {
    return new TrainingListener() {
      @Override
      public void onStep(StepRecord record) {
        if (record.step() == steps) throw new Crash();
      }
    };
  }

  static TrainingConfig.Builder config() {
    return TrainerTest.config().epochs(3).checkpointEvery(2);
  }

  @ParameterizedTest
  @CsvSource({"ew, 1, 1", "ew, 2, 5", "ew, 2, 7", "ew, 1, 14", "uw, 1, 3", "dwa, 1, 8", "famo, 1, 9",
      "db-mtl, 1, 5", "gradvac, 1, 5", "moco, 1, 5", "pcgrad, 2, 11", "gradnorm, 1, 5", "imtl, 1, 5",
      "excessmtl, 1, 5", "nash-mtl, 1, 3", "stch, 1, 6", "aligned-mtl, 1, 4", "rlw, 2, 6", "cagrad, 1, 4",
      "modo, 1, 7", "modo, 2, 4", "sdmgrad, 2, 7"})
  void resumingAfterACrashGivesTheUninterruptedWeights(String weighting, int threads, long crashStep) {
    TrainingConfig c = config().weighting(weighting).threads(threads).build();
    Dataset train = TrainerTest.data(150, 3, true), valid = TrainerTest.data(60, 4, false);
    MultiTaskModel reference = TrainerTest.model(1);
    TrainingResult uninterrupted = new Trainer(c).fit(reference, train, valid);

    MultiTaskModel crashed = TrainerTest.model(1);
    assertThatThrownBy(() -> new Trainer(c, crashAfter(crashStep)).checkpoints(dir, false).fit(crashed, train, valid))
        .isInstanceOf(Crash.class);
    MultiTaskModel resumed = TrainerTest.model(99); // the checkpoint, not the initialisation, decides
    TrainingResult result = new Trainer(c).checkpoints(dir, true).fit(resumed, train, valid);

    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
    assertThat(result.steps()).isEqualTo(uninterrupted.steps());
    assertThat(result.bestEpoch()).isEqualTo(uninterrupted.bestEpoch());
    assertThat(result.epochs()).hasSameSizeAs(uninterrupted.epochs());
    for (int e = 0; e < result.epochs().size(); e++) {
      assertThat(result.epochs().get(e).trainLoss()).containsExactly(uninterrupted.epochs().get(e).trainLoss());
      assertThat(result.epochs().get(e).validation()).isEqualTo(uninterrupted.epochs().get(e).validation());
    }
  }

  @ParameterizedTest
  @CsvSource({"round-robin, ew", "proportional, ew", "cycle, modo"})
  void multiInputRunsResumeExactlyToo(String policy, String weighting) {
    Dataset big = TrainerTest.data(300, 8, false), small = TrainerTest.data(70, 9, false);
    MultiInputData train = MultiInputData.of(Map.of(
        "sum", Dataset.builder(big.features()).task("sum", big.labels("sum")).build(),
        "sign", Dataset.builder(small.features()).task("sign", small.labels("sign")).build()));
    TrainingConfig c = config().sampling(Sampling.valueOf(policy.toUpperCase().replace('-', '_'))).weighting(weighting)
        .build();
    MultiTaskModel reference = TrainerTest.model(1);
    new Trainer(c).fit(reference, train, null);
    MultiTaskModel crashed = TrainerTest.model(1);
    assertThatThrownBy(() -> new Trainer(c, crashAfter(13)).checkpoints(dir, false).fit(crashed, train, null))
        .isInstanceOf(Crash.class);
    MultiTaskModel resumed = TrainerTest.model(1);
    new Trainer(c).checkpoints(dir, true).fit(resumed, train, null);
    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
  }

  @ParameterizedTest
  @CsvSource({"ew, 1", "pcgrad, 2"})
  void adversarialSharedPrivateResumesExactlyWithItsDiscriminatorAtWork(String weighting, int threads) {
    // Multi-input rows: each pass is one task's, so the discriminator and its reversed gradient take part.
    MultiInputData train = TrainerTest.multiInput(TrainerTest.data(200, 8, false), TrainerTest.data(90, 9, false));
    TrainingConfig c = config().weighting(weighting).threads(threads).build();
    java.util.function.LongFunction<MultiTaskModel> model = seed -> MultiTaskModel.create(new ModelSpec(4,
        List.of(Task.of("sum", TaskType.regression()), Task.of("sign", TaskType.binary())),
        new AdversarialSharedPrivate.Options(8, 4, 0.1, 0.05), new Head.Options(4)), seed);
    MultiTaskModel reference = model.apply(1);
    new Trainer(c).fit(reference, train, null);
    MultiTaskModel crashed = model.apply(1);
    assertThatThrownBy(() -> new Trainer(c, crashAfter(9)).checkpoints(dir, false).fit(crashed, train, null))
        .isInstanceOf(Crash.class);
    MultiTaskModel resumed = model.apply(7);
    new Trainer(c).checkpoints(dir, true).fit(resumed, train, null);
    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
  }

  @ParameterizedTest
  @CsvSource({"ew, 1, 5", "pcgrad, 2, 8"})
  void aModelWithAnAuxiliaryReconstructionResumesExactly(String weighting, int threads, long crashStep) {
    List<Task> tasks = List.of(Task.of("sum", TaskType.regression(), "rmse"), Task.of("sign", TaskType.binary()),
        Task.reconstruction("recon", 4, null).withWeight(0.5));
    Dataset train = AuxiliaryTargets.fill(TrainerTest.data(150, 3, true), tasks, 1);
    Dataset valid = AuxiliaryTargets.fill(TrainerTest.data(60, 4, false), tasks, 1);
    TrainingConfig c = config().weighting(weighting).threads(threads).build();
    java.util.function.LongFunction<MultiTaskModel> model = seed -> MultiTaskModel.create(new ModelSpec(4, tasks,
        new io.mtl4j.arch.SharedBottom.Options(8), new Head.Options(4)), seed);
    MultiTaskModel reference = model.apply(1);
    TrainingResult uninterrupted = new Trainer(c).fit(reference, train, valid);
    MultiTaskModel crashed = model.apply(1);
    assertThatThrownBy(() -> new Trainer(c, crashAfter(crashStep)).checkpoints(dir, false).fit(crashed, train, valid))
        .isInstanceOf(Crash.class);
    MultiTaskModel resumed = model.apply(7);
    TrainingResult result = new Trainer(c).checkpoints(dir, true).fit(resumed, train, valid);
    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
    for (int e = 0; e < result.epochs().size(); e++) {
      // The validation read back from a checkpoint still marks the auxiliary task.
      assertThat(result.epochs().get(e).validation()).isEqualTo(uninterrupted.epochs().get(e).validation());
      assertThat(result.epochs().get(e).validation().isAuxiliary("recon")).isTrue();
    }
  }

  /** The masked tokens are drawn anew each epoch from (seed, epoch): a resumed epoch hides the same ones. */
  @ParameterizedTest
  @CsvSource({"1, 5", "2, 9"})
  void aModelWithAnAuxiliaryMaskedTokenTaskResumesExactly(int threads, long crashStep) {
    List<Task> tasks = List.of(Task.of("long", TaskType.binary()), Task.maskedToken("masked", 8, "text").withWeight(0.5));
    Dataset train = AuxiliaryTargets.fill(io.mtl4j.data.MaskedTokenTest.tokens(120, 3), tasks, 1);
    TrainingConfig c = config().threads(threads).build();
    io.mtl4j.encode.InputSpec inputs = new io.mtl4j.encode.InputSpec(List.of(
        new io.mtl4j.encode.TokenEncoder.Spec("text", 12, 4, io.mtl4j.encode.TokenEncoder.Pooling.MEAN, 0, 0, false),
        new io.mtl4j.encode.DenseEncoder.Spec("x", 1, false)));
    java.util.function.LongFunction<MultiTaskModel> model = seed -> MultiTaskModel.create(ModelSpec.of(inputs, tasks,
        new io.mtl4j.arch.SharedBottom.Options(8), new Head.Options(4)), seed);
    MultiTaskModel reference = model.apply(1);
    TrainingResult uninterrupted = new Trainer(c).fit(reference, train, null);
    MultiTaskModel crashed = model.apply(1);
    assertThatThrownBy(() -> new Trainer(c, crashAfter(crashStep)).checkpoints(dir, false).fit(crashed, train, null))
        .isInstanceOf(Crash.class);
    MultiTaskModel resumed = model.apply(7);
    TrainingResult result = new Trainer(c).checkpoints(dir, true).fit(resumed, train, null);
    assertThat(resumed.parameters().values()).containsExactly(reference.parameters().values());
    assertThat(result.epochs().get(2).trainLoss()).containsExactly(uninterrupted.epochs().get(2).trainLoss());
  }

  @Test
  void resumingAFinishedRunReturnsItsBestWeightsWithoutTraining() {
    TrainingConfig c = config().build();
    Dataset train = TrainerTest.data(100, 3, true), valid = TrainerTest.data(40, 4, false);
    MultiTaskModel first = TrainerTest.model(1);
    new Trainer(c).checkpoints(dir, false).fit(first, train, valid);
    List<Long> steps = new ArrayList<>();
    MultiTaskModel again = TrainerTest.model(5);
    new Trainer(c, new TrainingListener() {
      @Override
      public void onStep(StepRecord record) {
        steps.add(record.step());
      }
    }).checkpoints(dir, true).fit(again, train, valid);
    assertThat(steps).isEmpty();
    assertThat(again.parameters().values()).containsExactly(first.parameters().values());
  }

  @Test
  void resumingWithAnotherSeedIsRefused() {
    Dataset train = TrainerTest.data(100, 3, true);
    new Trainer(config().seed(1).build()).checkpoints(dir, false).fit(TrainerTest.model(1), train, null);
    assertThatThrownBy(() -> new Trainer(config().seed(2).build()).checkpoints(dir, true).fit(TrainerTest.model(1), train, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("checkpoint.mtl4j").hasMessageContaining("training.seed = 1").hasMessageContaining("has 2");
  }

  @Test
  void aCorruptedCheckpointIsRefusedWithTheFileName() throws IOException {
    Dataset train = TrainerTest.data(100, 3, true);
    new Trainer(config().build()).checkpoints(dir, false).fit(TrainerTest.model(1), train, null);
    Path file = dir.resolve(CheckpointFile.NAME);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 3] ^= 1;
    Files.write(file, bytes);
    assertThatThrownBy(() -> new Trainer(config().build()).checkpoints(dir, true).fit(TrainerTest.model(1), train, null))
        .isInstanceOf(ModelFileException.class).hasMessageContaining(file.toString()).hasMessageContaining("corrupted");
  }

  @Test
  void checkpointingDoesNotChangeTheTrajectory() throws IOException {
    Dataset train = TrainerTest.data(100, 3, true);
    MultiTaskModel plain = TrainerTest.model(1), saved = TrainerTest.model(1);
    new Trainer(config().build()).fit(plain, train, null);
    Path nested = dir.resolve("run/checkpoints");
    new Trainer(config().checkpointEvery(1).build()).checkpoints(nested, false).fit(saved, train, null);
    assertThat(saved.parameters().values()).containsExactly(plain.parameters().values());
    assertThat(nested.resolve(CheckpointFile.NAME)).exists();
    try (var files = Files.list(nested)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(CheckpointFile.NAME);
    }
  }

  @Test
  void failPolicyNamesTaskEpochStepAndBatch() {
    Dataset d = TrainerTest.data(64, 1, false);
    d.labels("sum").set(3, Float.NaN);
    assertThatThrownBy(() -> new Trainer(config().build()).fit(TrainerTest.model(1), d, null))
        .isInstanceOf(NonFiniteLossException.class)
        .hasMessageMatching("loss of task 'sum' is NaN at epoch 1, step [12] \\(counting from 1\\), batch [12] of 2 in the epoch: .*");
  }

  @Test
  void skipPolicyDropsTheBadBatchAndTrainsOn() {
    Dataset d = TrainerTest.data(64, 1, false);
    d.labels("sum").set(3, Float.NaN);
    List<NonFinitePolicy> events = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onNonFinite(NonFiniteLossException problem, NonFinitePolicy action) {
        assertThat(problem.task()).isEqualTo("sum");
        events.add(action);
      }
    };
    MultiTaskModel m = TrainerTest.model(1);
    float[] before = m.parameters().values().clone();
    TrainingResult r = new Trainer(config().nonFinite(NonFinitePolicy.SKIP).build(), listener).fit(m, d, null);
    assertThat(events).containsExactly(NonFinitePolicy.SKIP, NonFinitePolicy.SKIP, NonFinitePolicy.SKIP); // one per epoch
    assertThat(r.steps()).isEqualTo(3 * 2);
    for (float v : m.parameters().values()) assertThat(Float.isFinite(v)).isTrue();
    assertThat(m.parameters().values()).isNotEqualTo(before);
  }

  @Test
  void rollbackReturnsToTheLastCheckpointWithALowerLearningRate() {
    Dataset d = TrainerTest.data(128, 1, false);
    List<NonFinitePolicy> events = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onNonFinite(NonFiniteLossException problem, NonFinitePolicy action) {
        events.add(action);
      }
    };
    // Plain SGD at rate 1e4 diverges within a few steps; 1e4 × 1e-5 = 0.1 trains. Checkpoints only at epoch ends,
    // so the rollback returns to weights from before the divergence.
    TrainingConfig c = config().checkpointEvery(0).optimizer("sgd", Map.of("learningRate", 1e4))
        .nonFinite(NonFinitePolicy.ROLLBACK).rollbackFactor(1e-5).build();
    MultiTaskModel m = TrainerTest.model(1);
    TrainingResult r = new Trainer(c, listener).fit(m, d, null);
    assertThat(events).isNotEmpty().allMatch(e -> e == NonFinitePolicy.ROLLBACK);
    assertThat(r.steps()).isEqualTo(3 * 4);
    for (float v : m.parameters().values()) assertThat(Float.isFinite(v)).isTrue();
    assertThatThrownBy(() -> new Trainer(config().optimizer("sgd", Map.of("learningRate", 1e4)).build()).fit(TrainerTest.model(1), d, null))
        .isInstanceOf(NonFiniteLossException.class);
  }

  @Test
  void rollbackGivesUpOnABadLabelAfterTheLimitWithADiagnosis() {
    Dataset d = TrainerTest.data(64, 1, false);
    d.labels("sum").set(3, Float.POSITIVE_INFINITY);
    assertThatThrownBy(() -> new Trainer(config().nonFinite(NonFinitePolicy.ROLLBACK).build()).fit(TrainerTest.model(1), d, null))
        .isInstanceOf(NonFiniteLossException.class)
        .hasMessageContaining("loss of task 'sum'").hasMessageContaining("after " + Trainer.MAX_ROLLBACKS + " rollbacks");
  }

  @Test
  void frozenSharedParametersGetNoUpdateWhileHeadsTrain() {
    MultiTaskModel m = TrainerTest.model(1);
    float[] before = m.parameters().values().clone();
    new Trainer(config().frozen("shared").build()).fit(m, TrainerTest.data(100, 3, true), null);
    float[] after = m.parameters().values();
    int shared = m.parameters().sharedSize();
    assertThat(Arrays.copyOf(after, shared)).containsExactly(Arrays.copyOf(before, shared));
    assertThat(Arrays.copyOfRange(after, shared, after.length)).isNotEqualTo(Arrays.copyOfRange(before, shared, before.length));
  }

  @Test
  void frozenSelectorsByTaskAndPrefix() {
    MultiTaskModel m = TrainerTest.model(1);
    float[] before = m.parameters().values().clone();
    new Trainer(config().frozen("task:sum", "gate*").build()).fit(m, TrainerTest.data(100, 3, true), null);
    for (Parameter p : m.parameters().parameters()) {
      float[] now = Arrays.copyOfRange(m.parameters().values(), p.offset(), p.offset() + p.size());
      float[] was = Arrays.copyOfRange(before, p.offset(), p.offset() + p.size());
      boolean frozen = p.owner() == 0 || p.name().startsWith("gate");
      if (frozen) assertThat(now).as(p.name()).containsExactly(was);
      else assertThat(now).as(p.name()).isNotEqualTo(was);
    }
    assertThatThrownBy(() -> new Trainer(config().frozen("task:nope").build()).fit(TrainerTest.model(1), TrainerTest.data(10, 1, false), null))
        .hasMessageContaining("unknown task 'nope'");
    assertThatThrownBy(() -> new Trainer(config().frozen("towers*").build()).fit(TrainerTest.model(1), TrainerTest.data(10, 1, false), null))
        .hasMessageContaining("training.frozen: 'towers*' matches no parameter");
  }
}
