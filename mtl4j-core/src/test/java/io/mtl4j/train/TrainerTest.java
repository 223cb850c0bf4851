package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrainerTest {
  private static final List<Task> TASKS = List.of(Task.of("sum", TaskType.regression(), "rmse"),
      Task.of("sign", TaskType.binary(), "auc"));

  /** y_sum = Σ x, y_sign = [x0 − x1 > 0], with some sign labels missing. */
  static Dataset data(int rows, long seed, boolean maskSome) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * 4], sum = new float[rows], sign = new float[rows], mask = new float[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) r.nextGaussian();
        sum[i] += x[i * 4 + j];
      }
      sign[i] = x[i * 4] - x[i * 4 + 1] > 0 ? 1f : 0f;
      mask[i] = maskSome && i % 5 == 0 ? 0f : 1f;
    }
    return Dataset.builder(Tensor.of(x, rows, 4)).task("sum", Tensor.of(sum, rows))
        .task("sign", Tensor.of(sign, rows), Tensor.of(mask, rows)).build();
  }

  static MultiTaskModel model(long seed) {
    return MultiTaskModel.create(new ModelSpec(4, TASKS, new MMoE.Options(3, 8), new Head.Options(4)), seed);
  }

  /** 'sum' on the rows of {@code sum}, 'sign' on the rows of {@code sign}: each task its own dataset. */
  static MultiInputData multiInput(Dataset sum, Dataset sign) {
    return MultiInputData.of(Map.of(
        "sum", Dataset.builder(sum.features()).task("sum", sum.labels("sum")).build(),
        "sign", Dataset.builder(sign.features()).task("sign", sign.labels("sign")).build()));
  }

  static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(3).batchSize(32).seed(11).learningRate(0.01).patience(0);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void sameSeedAndThreadsGiveIdenticalWeights(int threads) {
    MultiTaskModel a = model(1), b = model(1);
    new Trainer(config().threads(threads).build()).fit(a, data(200, 3, true), null);
    new Trainer(config().threads(threads).build()).fit(b, data(200, 3, true), null);
    assertThat(a.parameters().values()).containsExactly(b.parameters().values());
  }

  @Test
  void trainingTwiceWithTheSameSeedAndThreadsWritesIdenticalModelFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    java.nio.file.Path[] files = {dir.resolve("a.mtl4j"), dir.resolve("b.mtl4j")};
    for (java.nio.file.Path file : files) {
      MultiTaskModel m = model(1);
      new Trainer(config().threads(2).build()).fit(m, data(200, 3, true), data(60, 4, false));
      // The timestamp is the one field allowed to differ between runs; fixed here to compare the rest.
      io.mtl4j.io.ModelFile.save(file, m, new io.mtl4j.io.ModelMetadata(Map.of(), Map.of("seed", 11),
          new io.mtl4j.io.Provenance("data", 11, 2, io.mtl4j.io.ModelFile.MTL4J_VERSION, "fixed")));
    }
    assertThat(java.nio.file.Files.readAllBytes(files[0])).isEqualTo(java.nio.file.Files.readAllBytes(files[1]));
  }

  @Test
  void differentSeedsGiveDifferentWeights() {
    MultiTaskModel a = model(1), b = model(1);
    new Trainer(config().seed(1).build()).fit(a, data(200, 3, true), null);
    new Trainer(config().seed(2).build()).fit(b, data(200, 3, true), null);
    assertThat(a.parameters().values()).isNotEqualTo(b.parameters().values());
  }

  @Test
  void threadsSplitTheBatchIntoShardsWithTheSameGradient() {
    // Float sums over shards differ only by rounding: after a few steps weights agree closely across thread counts.
    MultiTaskModel one = model(1), two = model(1);
    new Trainer(config().epochs(1).threads(1).build()).fit(one, data(96, 3, true), null);
    new Trainer(config().epochs(1).threads(2).build()).fit(two, data(96, 3, true), null);
    float[] a = one.parameters().values(), b = two.parameters().values();
    for (int i = 0; i < a.length; i++) assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4f));
  }

  @Test
  void learnsBothTasksAndRestoresTheBestEpoch() {
    MultiTaskModel m = model(2);
    TrainingResult result = new Trainer(config().epochs(15).threads(2).build()).fit(m, data(1000, 5, true), data(300, 6, false));
    var best = result.best().validation();
    assertThat(best.value("sign", "auc")).isGreaterThan(0.9);
    assertThat(best.value("sum", "rmse")).isLessThan(0.5 * 2.0); // std of Σx is 2
    assertThat(result.best().score()).isEqualTo(result.epochs().stream().mapToDouble(EpochRecord::score).max().orElseThrow());
  }

  @Test
  void eachEpochSaysWhichPartOfItsTimeTheValidationPassTook() {
    assertThat(epochsOf(data(300, 6, false))).allSatisfy(e -> assertThat(e.validationSeconds()).isPositive()
        .isLessThan(e.seconds()));
    assertThat(epochsOf(null)).allSatisfy(e -> assertThat(e.validationSeconds()).isZero());
  }

  private static List<EpochRecord> epochsOf(Dataset valid) {
    return new Trainer(config().build()).fit(model(2), data(200, 5, true), valid).epochs();
  }

  @Test
  void earlyStoppingEndsTrainingAfterPatienceEpochsWithoutImprovement() {
    MultiTaskModel m = model(2);
    TrainingResult result = new Trainer(config().epochs(200).patience(2).learningRate(0.05).build())
        .fit(m, data(200, 5, false), data(100, 6, false));
    assertThat(result.epochs().size()).isLessThan(200);
    assertThat(result.epochs().size() - 1 - result.bestEpoch()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cycle", "round-robin", "proportional"})
  void multiInputTrainingWithTasksOfDifferentSizes(String policy) {
    MultiInputData train = multiInput(data(900, 8, false), data(120, 9, false));
    Dataset v = data(300, 10, false);
    MultiInputData valid = multiInput(v, v);
    Sampling sampling = Sampling.valueOf(policy.toUpperCase().replace('-', '_'));
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(4, TASKS, new SharedBottom.Options(16), new Head.Options()), 3);
    TrainingResult result = new Trainer(config().epochs(20).sampling(sampling).learningRate(0.02).build()).fit(m, train, valid);
    int expectedSteps = sampling == Sampling.CYCLE ? 29 : 29 + 4; // ⌈900/32⌉ = 29, ⌈120/32⌉ = 4
    assertThat(result.steps()).isEqualTo(20L * expectedSteps);
    assertThat(result.best().validation().value("sign", "auc")).isGreaterThan(0.85);
    assertThat(result.best().validation().value("sum", "rmse")).isLessThan(1.0);
  }

  @Test
  void gradientWeightingWithOneTaskPerStepIsRefused() {
    Dataset d = data(50, 1, false);
    MultiInputData train = MultiInputData.of(Map.of(
        "sum", Dataset.builder(d.features()).task("sum", d.labels("sum")).build(),
        "sign", Dataset.builder(d.features()).task("sign", d.labels("sign")).build()));
    Trainer trainer = new Trainer(config().weighting("pcgrad").sampling(Sampling.ROUND_ROBIN).build());
    assertThatThrownBy(() -> trainer.fit(model(1), train, null))
        .hasMessageContaining("training.weighting 'pcgrad'").hasMessageContaining("use sampling 'cycle'");
  }

  static java.util.stream.Stream<String> weightings() {
    return io.mtl4j.weighting.Weightings.names().stream().sorted();
  }

  /** Every registered method, selected by name, learns MMoE in both data settings (GradDrop: single-input only). */
  @ParameterizedTest
  @MethodSource("weightings")
  void everyWeightingLearnsSingleAndMultiInputData(String weighting) {
    Dataset valid = data(200, 6, false);
    MultiTaskModel single = model(4), multi = model(4);
    Evaluation untrained = ModelEvaluator.evaluate(single, valid);
    Trainer trainer = new Trainer(config().epochs(6).weighting(weighting).threads(2).build());
    Evaluation afterSingle = trainer.fit(single, data(400, 5, true), valid).best().validation();
    assertThat(afterSingle.value("sum", "rmse")).as(weighting).isLessThan(0.7 * untrained.value("sum", "rmse"));
    MultiInputData train = multiInput(data(400, 8, false), data(150, 9, false));
    if (weighting.equals("graddrop")) {
      assertThatThrownBy(() -> trainer.fit(multi, train, multiInput(valid, valid)))
          .hasMessageContaining("needs single-input data");
      return;
    }
    Evaluation afterMulti = trainer.fit(multi, train, multiInput(valid, valid)).best().validation();
    assertThat(afterMulti.value("sum", "rmse")).as(weighting).isLessThan(0.7 * untrained.value("sum", "rmse"));
  }

  @Test
  void gradientWeightingTrainsThroughPerTaskGradients() {
    MultiTaskModel m = model(2);
    TrainingResult result = new Trainer(config().epochs(10).weighting("pcgrad").threads(2).build())
        .fit(m, data(600, 5, true), data(200, 6, false));
    assertThat(result.best().validation().value("sign", "auc")).isGreaterThan(0.85);
  }

  @Test
  void representationGradientWeightingTrainsAHardSharingModel() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(4, TASKS, new SharedBottom.Options(16), new Head.Options()), 2);
    TrainingResult result = new Trainer(config().epochs(10).weighting("graddrop").threads(2).build())
        .fit(m, data(600, 5, true), data(200, 6, false));
    assertThat(result.best().validation().value("sign", "auc")).isGreaterThan(0.85);
  }

  @ParameterizedTest
  @ValueSource(strings = {"modo", "sdmgrad"})
  void weightingsWithThreeLossSamplesLearnSingleInputData(String weighting) {
    MultiTaskModel m = model(2);
    Dataset valid = data(200, 6, false);
    Evaluation untrained = ModelEvaluator.evaluate(m, valid);
    TrainingResult result = new Trainer(config().epochs(8).weighting(weighting).threads(2).build())
        .fit(m, data(600, 5, true), valid);
    assertThat(result.steps()).isEqualTo(8L * 19); // an epoch counts optimizer steps, ⌈600/32⌉, not batches drawn
    Evaluation best = result.best().validation();
    assertThat(best.value("sign", "auc")).isGreaterThan(0.85);
    assertThat(best.value("sum", "rmse")).isLessThan(0.5 * untrained.value("sum", "rmse"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"modo", "sdmgrad"})
  void weightingsWithThreeLossSamplesLearnMultiInputData(String weighting) {
    MultiInputData train = multiInput(data(600, 8, false), data(120, 9, false));
    Dataset v = data(300, 10, false);
    MultiInputData valid = multiInput(v, v);
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(4, TASKS, new SharedBottom.Options(16), new Head.Options()), 3);
    Evaluation untrained = ModelEvaluator.evaluate(m, v);
    TrainingResult result = new Trainer(config().epochs(8).weighting(weighting).learningRate(0.02).build())
        .fit(m, train, valid);
    assertThat(result.steps()).isEqualTo(8L * 19); // ⌈600/32⌉: the larger task sets the epoch under cycle sampling
    Evaluation best = result.best().validation();
    assertThat(best.value("sign", "auc")).isGreaterThan(0.85);
    assertThat(best.value("sum", "rmse")).isLessThan(0.5 * untrained.value("sum", "rmse"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void threeLossSampleRunsGiveIdenticalWeightsForASeedAndThreadCount(int threads) {
    MultiTaskModel a = model(1), b = model(1), ew = model(1);
    new Trainer(config().weighting("modo").threads(threads).build()).fit(a, data(200, 3, true), null);
    new Trainer(config().weighting("modo").threads(threads).build()).fit(b, data(200, 3, true), null);
    new Trainer(config().threads(threads).build()).fit(ew, data(200, 3, true), null);
    assertThat(a.parameters().values()).containsExactly(b.parameters().values());
    assertThat(a.parameters().values()).isNotEqualTo(ew.parameters().values());
  }

  @Test
  void nonFiniteLossNamesTaskAndStep() {
    Dataset d = data(64, 1, false);
    d.labels("sum").set(3, Float.NaN);
    assertThatThrownBy(() -> new Trainer(config().build()).fit(model(1), d, null))
        .isInstanceOf(NonFiniteLossException.class)
        .hasMessageContaining("loss of task 'sum' is NaN at epoch 1, step ")
        .satisfies(e -> assertThat(((NonFiniteLossException) e).task()).isEqualTo("sum"));
  }

  @Test
  void invalidHyperParametersNameTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> config().batchSize(0).build()).hasMessage("training.batchSize = 0, expected an integer > 0");
    assertThatThrownBy(() -> config().threads(-1).build()).hasMessage("training.threads = -1, expected an integer > 0");
    assertThatThrownBy(() -> new Trainer(config().learningRate(-0.01).build()).fit(model(1), data(10, 1, false), null))
        .hasMessageContaining("learningRate").hasMessageContaining("-0.01");
  }

  @Test
  void dataWithoutAModelTaskIsRefused() {
    Dataset d = data(10, 1, false);
    Dataset onlySum = Dataset.builder(d.features()).task("sum", d.labels("sum")).build();
    assertThatThrownBy(() -> new Trainer(config().build()).fit(model(1), onlySum, null))
        .hasMessage("training data has no labels for task 'sign'; it has [sum]");
  }
}
