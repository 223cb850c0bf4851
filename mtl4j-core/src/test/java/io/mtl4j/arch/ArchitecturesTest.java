package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArchitecturesTest {
  private static final List<Task> TWO_TASKS = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.regression()));

  @Test
  void mmoeParameterCountFollowsTheFormula() {
    int d = 10, e = 4, h = 6, tower = 3, t = 2;
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(d, TWO_TASKS, new MMoE.Options(e, h), new Head.Options(tower)), 1);
    int experts = d * e * h + e * h;
    int gates = t * (d * e + e);
    int heads = t * (h * tower + tower + tower + 1);
    assertThat(m.parameters().size()).isEqualTo(experts + gates + heads);
    assertThat(m.parameters().sharedSize()).as("only the experts are shared").isEqualTo(experts);
  }

  @Test
  void deeperExpertsUseBlockDiagonalLayers() {
    int d = 5, e = 3;
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(d, TWO_TASKS, new MMoE.Options(e, 4, 2), new Head.Options()), 1);
    int experts = d * e * 4 + e * 4 + e * 4 * 2 + e * 2;
    assertThat(m.parameters().sharedSize()).isEqualTo(experts);
  }

  @Test
  void sharedBottomAndSingleTaskParameterCounts() {
    int d = 7, h = 5;
    MultiTaskModel sb = MultiTaskModel.create(new ModelSpec(d, TWO_TASKS, new SharedBottom.Options(h), new Head.Options()), 1);
    assertThat(sb.parameters().sharedSize()).isEqualTo(d * h + h);
    assertThat(sb.parameters().size()).isEqualTo(d * h + h + 2 * (h + 1));
    MultiTaskModel st = MultiTaskModel.create(new ModelSpec(d, TWO_TASKS, new SingleTask.Options(h), new Head.Options()), 1);
    assertThat(st.parameters().sharedSize()).isZero();
    assertThat(st.parameters().size()).isEqualTo(2 * (d * h + h) + 2 * (h + 1));
  }

  @Test
  void singleTaskNetworksDoNotInfluenceEachOther() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(3, TWO_TASKS, new SingleTask.Options(4), new Head.Options()), 1);
    float[] grads = new float[m.parameters().size()];
    Graph g = new Graph(m.parameters(), grads).begin(Mode.TRAIN, new SplittableRandom(1));
    Var[] logits = m.forward(g, g.input(Tensor.of(new float[] {1, 2, 3, -1, 0, 2}, 2, 3)), m.allTasks());
    g.tape().backward(Reduce.sum(logits[0]));
    for (int[] range : m.parameters().rangesOwnedBy(1)) {
      for (int i = range[0]; i < range[1]; i++) assertThat(grads[i]).isZero();
    }
  }

  @Test
  void sameSeedGivesSameInitialWeightsAndAnotherSeedDifferent() {
    ModelSpec spec = new ModelSpec(6, TWO_TASKS, new MMoE.Options(3, 4), new Head.Options(2));
    assertThat(MultiTaskModel.create(spec, 5).parameters().values()).containsExactly(MultiTaskModel.create(spec, 5).parameters().values());
    assertThat(MultiTaskModel.create(spec, 5).parameters().values()).isNotEqualTo(MultiTaskModel.create(spec, 6).parameters().values());
  }

  @Test
  void predictionsAreProbabilitiesForBinaryTasks() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(3, TWO_TASKS, new MMoE.Options(2, 4), new Head.Options()), 1);
    Tensor x = Tensor.zeros(10, 3);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) new SplittableRandom(i).nextGaussian() * 5);
    Tensor p = m.predict(x, 4).get("a");
    for (int i = 0; i < p.size(); i++) assertThat(p.get(i)).isBetween(0f, 1f);
  }

  @Test
  void invalidOptionsNameTheParameterAndValue() {
    assertThatThrownBy(() -> new MMoE.Options(0, 4)).hasMessage("mmoe: experts = 0, expected ≥ 1");
    assertThatThrownBy(() -> new SharedBottom.Options(new int[] {8, -1}, io.mtl4j.nn.Activation.RELU, 0))
        .hasMessage("shared-bottom: hidden = [8, -1], expected layer sizes > 0");
    assertThatThrownBy(() -> Architectures.byName("mmeo")).hasMessageContaining("unknown architecture 'mmeo'")
        .hasMessageContaining("mmoe");
  }

  @Test
  void modelInputOfTheWrongWidthIsRefused() {
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(3, TWO_TASKS, new SharedBottom.Options(2), new Head.Options()), 1);
    assertThatThrownBy(() -> m.predict(Tensor.zeros(2, 4), 8)).hasMessage("model input [2,4]: expected [rows, 3]");
  }

  @Test
  void registersAUserEntryInANewRegistryAndLeavesTheBuiltInOneUnchanged() {
    io.mtl4j.config.Registry<Architecture.Factory> mine = Architectures.defaults()
        .with("wide-bottom", o -> o.record(SharedBottom.Options.class, new SharedBottom.Options(128)));
    Architecture.Factory wide = mine.create("Wide_Bottom", java.util.Map.of("dropout", 0.25), "architecture.options");
    assertThat(Architectures.toMap(wide)).containsEntry("hidden", java.util.List.of(128)).containsEntry("dropout", 0.25);
    assertThat(Architectures.names()).doesNotContain("wide-bottom");
    assertThatThrownBy(() -> mine.create("wide-bottom", java.util.Map.of("hiden", 8), "architecture.options"))
        .hasMessage("architecture.options: unknown option 'hiden'; known: [activation, dropout, hidden]");
  }
}
