package io.mtl4j.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.AuxiliaryTargets;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.Manifold;
import io.mtl4j.io.ModelFile;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuxiliaryTest {
  private static final List<Task> TASKS = List.of(Task.of(Manifold.LABEL, TaskType.binary(), "auc"),
      Task.reconstruction("recon", 8, null).withWeight(0.5),
      Task.of("side", TaskType.regression(), "rmse").withAuxiliary(Auxiliary.labelled()));

  @Test
  void aReconstructionIsAnAuxiliaryMseTaskAsWideAsItsInput() {
    Task recon = Task.reconstruction("recon", 8, "x");
    assertThat(recon.isAuxiliary()).isTrue();
    assertThat(recon.auxiliary()).isEqualTo(new Auxiliary("reconstruction", "x"));
    assertThat(recon.auxiliary().fromInput()).isTrue();
    assertThat(recon.type().outputWidth()).isEqualTo(8);
    assertThat(recon.type().labelWidth()).isEqualTo(8);
    assertThat(recon.loss()).isEqualTo("mse");
    assertThat(recon.withWeight(0.25).auxiliary()).isEqualTo(recon.auxiliary());
    assertThat(Task.of("t", TaskType.binary()).isAuxiliary()).isFalse();
    assertThat(Auxiliary.labelled().fromInput()).isFalse();
  }

  @Test
  void refusesEmptyTargetsAndAProductComputedFromTheInput() {
    assertThatThrownBy(() -> new Auxiliary(" ", null)).hasMessageContaining("targets is empty");
    assertThatThrownBy(() -> new Auxiliary("reconstruction", "")).hasMessageContaining("'of' is blank");
    assertThatThrownBy(() -> TaskType.reconstruction(0)).hasMessageContaining("width = 0");
    assertThatThrownBy(() -> Task.of("p", TaskType.binary()).withAuxiliary(new Auxiliary("reconstruction", null))
        .withProductOf("a", "b")).hasMessageContaining("cannot also be a product");
  }

  @Test
  void theSpecMapKeepsTheMarkAndAMainTasksMapHasNoAuxiliaryKey() {
    ModelSpec spec = new ModelSpec(8, TASKS, new SharedBottom.Options(4), new Head.Options());
    assertThat(ModelSpecMaps.fromMap(ModelSpecMaps.toMap(spec)).tasks()).isEqualTo(TASKS);
    Map<String, Object> main = ModelSpecMaps.taskToMap(TASKS.get(0));
    assertThat(main).doesNotContainKey("auxiliary");
    assertThat(ModelSpecMaps.taskToMap(TASKS.get(1))).containsEntry("auxiliary",
        Map.of("targets", "reconstruction")).containsEntry("width", 8).containsEntry("type", "reconstruction");
  }

  @Test
  void survivesTheModelFileRoundTripAndEvaluatesMarked(@TempDir Path dir) {
    Manifold manifold = new Manifold(new Manifold.Options(8, 2, 0.3, 0.5), 1);
    Dataset train = withSide(AuxiliaryTargets.fill(manifold.dataset(300, 2, false), TASKS, 1));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(8, TASKS, new SharedBottom.Options(6),
        new Head.Options()), 3);
    new Trainer(TrainingConfig.builder().epochs(2).batchSize(32).seed(4).build()).fit(model, train, null);
    ModelFile.save(dir.resolve("m.mtl4j"), model);
    MultiTaskModel back = ModelFile.load(dir.resolve("m.mtl4j")).model();
    assertThat(back.tasks()).isEqualTo(TASKS);
    assertThat(back.parameters().values()).containsExactly(model.parameters().values());
    Dataset test = withSide(AuxiliaryTargets.fill(manifold.dataset(100, 5, true), TASKS, 1));
    assertThat(back.predict(test.features(), 64).get("recon").toArray())
        .containsExactly(model.predict(test.features(), 64).get("recon").toArray());
    Evaluation e = ModelEvaluator.evaluate(back, test);
    assertThat(e.mainTasks()).containsExactly(Manifold.LABEL);
    assertThat(e.metrics("recon")).containsExactly("mse");
    assertThat(e.meanPrimaryScore()).isEqualTo(e.value(Manifold.LABEL, "auc"));
  }

  /** The labelled auxiliary 'side': the first feature, a column of the data like any label. */
  private static Dataset withSide(Dataset d) {
    io.mtl4j.tensor.Tensor side = io.mtl4j.tensor.Tensor.zeros(d.rows());
    for (int i = 0; i < d.rows(); i++) side.set(i, d.features().get(i * d.featureCount()));
    return d.withTask("side", side, io.mtl4j.tensor.Tensor.zeros(d.rows()).fill(1f));
  }
}
