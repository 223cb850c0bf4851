package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.encode.GroupFixtures;
import io.mtl4j.nn.Activation;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
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
    Tensor targets = Reconstruction.targets(data, null);
    assertThat(targets.shape()).containsExactly(5, INPUTS);
    assertThat(targets.toArray()).containsExactly(data.features().toArray());
    targets.set(0, 99f);
    assertThat(data.features().get(0)).isNotEqualTo(99f);
  }

  @Test
  void targetsOfADenseGroupAreItsValues() {
    Dataset data = GroupFixtures.data(6, 2);
    Tensor targets = Reconstruction.targets(data, "x");
    assertThat(targets.toArray())
        .containsExactly(((io.mtl4j.encode.DenseRows) data.groups().group("x")).values().toArray());
  }

  @Test
  void refusesGroupsItCannotReadNamingThem() {
    Dataset groups = GroupFixtures.data(3, 1);
    assertThatThrownBy(() -> Reconstruction.targets(groups, "cat")).hasMessageContaining("group 'cat'")
        .hasMessageContaining("expected a dense group");
    assertThatThrownBy(() -> Reconstruction.targets(groups, "nope")).hasMessageContaining("groups: [x, cat]");
    assertThatThrownBy(() -> Reconstruction.targets(groups, null)).hasMessageContaining("name the dense group");
    assertThatThrownBy(() -> Reconstruction.targets(matrix(3, 1), "x"))
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
    AuxiliaryGradients.assertParameterGradients(model, AuxiliaryTargets.fill(matrix(5, seed), tasks, seed));
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
}
