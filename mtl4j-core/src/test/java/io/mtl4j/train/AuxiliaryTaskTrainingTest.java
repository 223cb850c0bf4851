package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.AuxiliaryTargets;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.demo.Manifold;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Auxiliary tasks in training: trained with their weight, absent from selection, fed by unlabelled rows. */
class AuxiliaryTaskTrainingTest {
  private static final int D = 10;
  private static final String FIRST_LAYER = "bottom.0.weight";
  private static final Manifold MANIFOLD = new Manifold(new Manifold.Options(D, 2, 0.5, 0.05), 1);

  private static List<Task> tasks(double auxiliaryWeight) {
    return List.of(Task.of(Manifold.LABEL, TaskType.binary(), "accuracy"),
        Task.reconstruction("recon", D, null).withWeight(auxiliaryWeight));
  }

  private static MultiTaskModel model(List<Task> tasks, long seed) {
    return MultiTaskModel.create(new ModelSpec(D, tasks, new SharedBottom.Options(6), new Head.Options()), seed);
  }

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder().epochs(2).batchSize(1000).seed(3).learningRate(0.01).patience(0);
  }

  /** {@code d}'s labelled rows only. */
  private static Dataset labelledRows(Dataset d) {
    return d.select(java.util.stream.IntStream.range(0, d.rows())
        .filter(i -> d.mask(Manifold.LABEL).get(i) != 0f).toArray());
  }

  @Test
  void rowsWithoutMainLabelsReachTheModelOnlyThroughTheAuxiliaryLoss() {
    Dataset all = MANIFOLD.dataset(600, 2, false);
    // One full batch per step: with the auxiliary weighted 0, the unlabelled rows change nothing...
    MultiTaskModel withRows = model(tasks(0), 5), without = model(tasks(0), 5);
    new Trainer(config().build()).fit(withRows, AuxiliaryTargets.fill(all, tasks(0), 1), null);
    new Trainer(config().build()).fit(without, AuxiliaryTargets.fill(labelledRows(all), tasks(0), 1), null);
    float[] a = withRows.parameters().values(), b = without.parameters().values();
    // Same gradients summed in another row order: equal up to float rounding.
    for (int i = 0; i < a.length; i++) assertThat(a[i]).as("parameter %d", i).isCloseTo(b[i], within(1e-5f));
    // ...and weighted 1, they move the shared layers and the reconstruction head.
    MultiTaskModel withAux = model(tasks(1), 5), labelledOnly = model(tasks(1), 5);
    new Trainer(config().build()).fit(withAux, AuxiliaryTargets.fill(all, tasks(1), 1), null);
    new Trainer(config().build()).fit(labelledOnly, AuxiliaryTargets.fill(labelledRows(all), tasks(1), 1), null);
    assertThat(maxDifference(firstLayer(withAux), firstLayer(labelledOnly))).isGreaterThan(1e-4);
  }

  @Test
  void unlabelledRowsMayBeTheAuxiliaryTasksOwnDataset() {
    // Multi-input: the main task on its few labelled rows, the reconstruction on every row, labels or not.
    Dataset all = MANIFOLD.dataset(800, 2, false), test = MANIFOLD.dataset(300, 3, true);
    Dataset unlabelled = Dataset.builder(all.features()).build();
    MultiInputData train = MultiInputData.of(Map.of(Manifold.LABEL, labelledRows(all),
        "recon", AuxiliaryTargets.fill(unlabelled, tasks(1), 1)));
    MultiTaskModel model = model(tasks(1), 5);
    double before = ModelEvaluator.evaluate(model, AuxiliaryTargets.fill(test, tasks(1), 1)).value("recon", "mse");
    new Trainer(config().epochs(15).batchSize(32).build()).fit(model, train, null);
    double after = ModelEvaluator.evaluate(model, AuxiliaryTargets.fill(test, tasks(1), 1)).value("recon", "mse");
    assertThat(after).isLessThan(0.8 * before);
  }

  @Test
  void selectionReadsTheMainTasksOnlyWithOrWithoutValidation() {
    List<Task> tasks = tasks(1);
    Dataset train = AuxiliaryTargets.fill(MANIFOLD.dataset(400, 2, false), tasks, 1);
    TrainingResult noValidation = new Trainer(config().batchSize(64).build()).fit(model(tasks, 5), train, null);
    for (EpochRecord r : noValidation.epochs()) assertThat(r.score()).isEqualTo(-r.trainLoss()[0]);
    Dataset valid = AuxiliaryTargets.fill(MANIFOLD.dataset(200, 4, true), tasks, 1);
    TrainingResult validated = new Trainer(config().batchSize(64).build()).fit(model(tasks, 5), train, valid);
    for (EpochRecord r : validated.epochs()) {
      assertThat(r.validation().isAuxiliary("recon")).isTrue();
      assertThat(r.score()).isEqualTo(r.validation().value(Manifold.LABEL, "accuracy"));
    }
  }

  /**
   * Issue 19's acceptance: labels are scarce and the auxiliary reconstruction improves the main task's test metric on
   * average over seeds. Setting ({@link Manifold}): D = 50 features near a 3-dimensional manifold (tanh of a random
   * linear map) plus noise σ = 1.5, label [z·w &gt; 0]; 2000 training rows of which about 2 % (≈ 40) are labelled;
   * one shared ReLU layer of 8 units, linear heads, 30 epochs. The main-only model sees the labelled rows' loss
   * alone; the other also reconstructs all 2000 rows' features (weight 1).
   */
  @Test
  void reconstructionImprovesTheMainTaskWhenLabelsAreScarceOnAverageOverSeeds() {
    int features = 50, seeds = 5;
    double gain = 0;
    for (long seed = 1; seed <= seeds; seed++) {
      Manifold manifold = new Manifold(new Manifold.Options(features, 3, 1.5, 0.02), seed);
      Dataset train = manifold.dataset(2000, 100 + seed, false), test = manifold.dataset(4000, 200 + seed, true);
      gain += scarceLabelAccuracy(features, train, test, seed, true)
          - scarceLabelAccuracy(features, train, test, seed, false);
    }
    // Measured: +0.029 accuracy on average, positive on all five seeds; 0.01 is a third of it.
    assertThat(gain / seeds).isGreaterThan(0.01);
  }

  private static double scarceLabelAccuracy(int features, Dataset train, Dataset test, long seed, boolean auxiliary) {
    List<Task> tasks = auxiliary
        ? List.of(Task.of(Manifold.LABEL, TaskType.binary(), "accuracy"), Task.reconstruction("recon", features, null))
        : List.of(Task.of(Manifold.LABEL, TaskType.binary(), "accuracy"));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(features, tasks, new SharedBottom.Options(8),
        new Head.Options()), seed);
    new Trainer(TrainingConfig.builder().epochs(30).batchSize(64).seed(seed).learningRate(0.003).patience(0).build())
        .fit(model, AuxiliaryTargets.fill(train, tasks, seed), null);
    return ModelEvaluator.evaluate(model, test, List.of(Manifold.LABEL)).value(Manifold.LABEL, "accuracy");
  }

  private static float[] firstLayer(MultiTaskModel m) {
    return m.parameters().value(m.parameters().get(FIRST_LAYER)).toArray();
  }

  private static double maxDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    return max;
  }
}
