package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.encode.GroupFixtures;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReconstructionTest {
  private static final int INPUTS = 4;

  @Test
  void targetsAreACopyOfTheFeaturesMatrix() {
    Dataset data = matrix(5, 1);
    Tensor targets = new Reconstruction().targets(data, null);
    assertThat(targets.shape()).containsExactly(5, INPUTS);
    assertThat(targets.toArray()).containsExactly(data.features().toArray());
    targets.set(0, 99f);
    assertThat(data.features().get(0)).isNotEqualTo(99f);
  }

  @Test
  void targetsOfADenseGroupAreItsValues() {
    Dataset data = GroupFixtures.data(6, 2);
    Tensor targets = new Reconstruction().targets(data, "x");
    assertThat(targets.toArray())
        .containsExactly(((io.mtl4j.encode.DenseRows) data.groups().group("x")).values().toArray());
  }

  @Test
  void refusesGroupsItCannotReadNamingThem() {
    Dataset groups = GroupFixtures.data(3, 1);
    assertThatThrownBy(() -> new Reconstruction().targets(groups, "cat")).hasMessageContaining("group 'cat'")
        .hasMessageContaining("expected a dense group");
    assertThatThrownBy(() -> new Reconstruction().targets(groups, "nope")).hasMessageContaining("groups: [x, cat]");
    assertThatThrownBy(() -> new Reconstruction().targets(groups, null)).hasMessageContaining("name the dense group");
    assertThatThrownBy(() -> new Reconstruction().targets(matrix(3, 1), "x"))
        .hasMessageContaining("leave 'of' out");
  }

  /**
   * The autoencoder objective, w_main·BCE(label) + w_aux·MSE(head(shared(x)), x), differentiates correctly in every
   * parameter: the reconstruction head and the shared layers it trains.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void autoencoderObjectiveHasCorrectParameterGradients(long seed) {
    List<Task> tasks = List.of(Task.of("sign", TaskType.binary()), Task.reconstruction("recon", INPUTS, null)
        .withWeight(0.7));
    // Smooth activations: a ReLU kink inside ±EPS breaks central differences.
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(INPUTS, tasks,
        new SharedBottom.Options(new int[] {3}, Activation.TANH, 0), new Head.Options(new int[] {3}, Activation.TANH, 0)),
        seed);
    Dataset data = AuxiliaryTargets.fill(matrix(5, seed), tasks);
    float[] values = model.parameters().values();
    float[] grads = new float[values.length];
    Graph g = new Graph(model.parameters(), grads).begin(Mode.TRAIN, new SplittableRandom(1));
    g.tape().backward(objective(model, g, data));
    for (int i = 0; i < values.length; i++) {
      float saved = values[i];
      values[i] = (float) (saved + GradCheck.EPS);
      double up = value(model, data);
      values[i] = (float) (saved - GradCheck.EPS);
      double down = value(model, data);
      values[i] = saved;
      double numeric = (up - down) / (2 * GradCheck.EPS);
      assertThat(Math.abs(grads[i] - numeric))
          .as("parameter element %d: analytic %s vs numeric %s", i, grads[i], numeric)
          .isLessThanOrEqualTo(GradCheck.ABS_TOL + GradCheck.REL_TOL * Math.abs(numeric));
    }
  }

  /** Rows of 4 Gaussian features, labelled sign = [x0 − x1 &gt; 0]. */
  static Dataset matrix(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * INPUTS], sign = new float[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < INPUTS; j++) x[i * INPUTS + j] = (float) r.nextGaussian();
      sign[i] = x[i * INPUTS] > x[i * INPUTS + 1] ? 1f : 0f;
    }
    return Dataset.builder(Tensor.of(x, rows, INPUTS)).task("sign", Tensor.of(sign, rows)).build();
  }

  private static Var objective(MultiTaskModel model, Graph g, Dataset data) {
    Var[] logits = model.forward(g, g.input(data.features()), model.allTasks());
    Var total = null;
    for (int t = 0; t < logits.length; t++) {
      Task task = model.tasks().get(t);
      Var loss = task.newLoss().loss(logits[t], data.labels(task.name()), LabelMask.all(data.rows()));
      Var weighted = Elementwise.scale(loss, (float) task.weight());
      total = total == null ? weighted : Elementwise.add(total, weighted);
    }
    return total;
  }

  private static double value(MultiTaskModel model, Dataset data) {
    Graph g = new Graph(model.parameters(), new float[model.parameters().size()]).begin(Mode.TRAIN,
        new SplittableRandom(1));
    return objective(model, g, data).item();
  }
}
