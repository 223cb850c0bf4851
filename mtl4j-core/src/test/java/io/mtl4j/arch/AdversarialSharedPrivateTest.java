package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdversarialSharedPrivateTest {
  private static final List<Task> TASKS = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.regression()),
      Task.of("c", TaskType.binary()));

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void parameterGradientsIncludeTheDifferenceLoss(long seed) {
    // All tasks on the same rows: no discriminator, so every gradient is the objective's own.
    ArchitectureChecks.assertParameterGradients(new AdversarialSharedPrivate.Options(new int[] {3}, new int[] {2},
        Activation.TANH, 0, 0.5, 0.3), seed);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void discriminatorDescendsItsLossWhileTheSharedNetworkAscendsItScaledByLambda(long seed) {
    float lambda = 0.25f;
    MultiTaskModel model = model(lambda, 0, seed);
    Tensor x = input(seed);
    int task = (int) (seed % 3);
    float[] grads = new float[model.parameters().size()];
    Graph g = new Graph(model.parameters(), grads).begin(Mode.TRAIN, new SplittableRandom(1));
    g.tape().backward(penalty(model, g, x, task));
    ParameterBuffer buffer = model.parameters();
    float[] values = buffer.values();
    int checked = 0;
    for (var p : buffer.parameters()) {
      double sign = p.name().startsWith("discriminator") ? 1 : p.name().startsWith("shared") ? -lambda : 0;
      for (int i = p.offset(); i < p.offset() + p.size(); i++) {
        double numeric = ArchitectureChecks.centralDifference(values, i, () -> value(model, x, task));
        assertThat(Math.abs(grads[i] - sign * numeric))
            .as("%s element %d: analytic %s vs %s × numeric %s", p.name(), i, grads[i], sign, numeric)
            .isLessThanOrEqualTo(GradCheck.ABS_TOL + GradCheck.REL_TOL * Math.abs(sign * numeric));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(buffer.size());
  }

  @Test
  void discriminatorIsTheCrossEntropyOfTheRowsTaskSummedOverRows() {
    MultiTaskModel model = model(1f, 0, 4);
    Tensor x = input(4);
    Graph g = new Graph(model.parameters(), null).begin(Mode.TRAIN, new SplittableRandom(1));
    double[] perTask = new double[3];
    for (int t = 0; t < 3; t++) perTask[t] = penalty(model, g, x, t).item();
    // Σ_t exp(−CE_t summed over rows) is not bounded by 1, but per row Σ_t p_t = 1: check through one row.
    Tensor row = x.rowSlice(0, 1);
    double sum = 0;
    for (int t = 0; t < 3; t++) sum += Math.exp(-penalty(model, g, row, t).item());
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    for (double v : perTask) assertThat(v).as("a cross-entropy summed over 5 rows").isPositive();
  }

  @Test
  void noPenaltyOutsideTrainingOrWhenBothWeightsAreZero() {
    MultiTaskModel model = model(0.5f, 0.5, 1);
    Graph g = new Graph(model.parameters(), null).begin(Mode.EVAL, new SplittableRandom(1));
    assertThat(model.run(g, g.input(input(1)), new int[] {0}).representations().penalty()).isNull();
    MultiTaskModel off = model(0f, 0, 1);
    Graph t = new Graph(off.parameters(), null).begin(Mode.TRAIN, new SplittableRandom(1));
    assertThat(off.run(t, t.input(input(1)), new int[] {0, 1, 2}).representations().penalty()).isNull();
  }

  @Test
  void eachHeadReadsTheSharedAndItsOwnPrivateFeatures() {
    AdversarialSharedPrivate.Options o = new AdversarialSharedPrivate.Options(5, 3, 0.1, 0.1);
    int[] sizes = ArchitectureChecks.sizes(o, 4, 2);
    // shared 4·5+5, private 2·(4·3+3), discriminator 5·2+2
    assertThat(sizes[0]).isEqualTo(25 + 30 + 12);
    assertThat(sizes[1]).as("shared network and discriminator").isEqualTo(25 + 12);
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, TASKS.subList(0, 2), o, new Head.Options()), 1);
    assertThat(model.architecture().outputSize(0)).isEqualTo(8);
  }

  @Test
  void survivesTheModelFileRoundTrip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    MultiTaskModel model = model(0.1f, 0.05, 3);
    io.mtl4j.io.ModelFile.save(dir.resolve("asp.mtl4j"), model);
    MultiTaskModel back = io.mtl4j.io.ModelFile.load(dir.resolve("asp.mtl4j")).model();
    assertThat(back.spec().architecture()).usingRecursiveComparison().isEqualTo(model.spec().architecture());
    assertThat(back.parameters().values()).containsExactly(model.parameters().values());
    Tensor x = input(3);
    assertThat(back.predict(x, 5).get("a").toArray()).containsExactly(model.predict(x, 5).get("a").toArray());
  }

  @Test
  void learnsInBothDataSettings() {
    AdversarialSharedPrivate.Options o = new AdversarialSharedPrivate.Options(16, 8, 0.05, 0.01);
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnSingleInput(o), "single-input");
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnMultiInput(o), "multi-input");
  }

  @Test
  void refusesNetworksWithoutLayersAndNegativeWeights() {
    assertThatThrownBy(() -> new AdversarialSharedPrivate.Options(new int[0], new int[] {2}, Activation.RELU, 0, 0, 0))
        .hasMessageContaining("at least one layer");
    assertThatThrownBy(() -> new AdversarialSharedPrivate.Options(4, 2, -1, 0)).hasMessageContaining("adversarial");
    assertThatThrownBy(() -> new AdversarialSharedPrivate.Options(4, 2, 0, Double.NaN))
        .hasMessageContaining("orthogonality");
  }

  private static MultiTaskModel model(float lambda, double gamma, long seed) {
    AdversarialSharedPrivate.Options o = new AdversarialSharedPrivate.Options(new int[] {3}, new int[] {2},
        Activation.TANH, 0, lambda, gamma);
    return MultiTaskModel.create(new ModelSpec(4, TASKS, o, new Head.Options()), seed);
  }

  private static Tensor input(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(5, 4);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) r.nextDouble(-1, 1));
    return x;
  }

  /** The penalty of a pass over rows that all belong to {@code task}. */
  private static Var penalty(MultiTaskModel model, Graph g, Tensor x, int task) {
    return model.run(g, g.input(x), new int[] {task}).representations().penalty();
  }

  private static double value(MultiTaskModel model, Tensor x, int task) {
    Graph g = new Graph(model.parameters(), null).begin(Mode.TRAIN, new SplittableRandom(1));
    return penalty(model, g, x, task).item();
  }
}
