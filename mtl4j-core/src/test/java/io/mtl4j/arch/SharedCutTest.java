package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What an architecture declares about its shared cut is what its forward pass returns. */
class SharedCutTest {
  static java.util.List<String> names() {
    return Architectures.names();
  }

  @ParameterizedTest
  @MethodSource("names")
  void hasSharedCutDeclaresWhetherForwardReturnsOne(String name) {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(ArchitectureChecks.INPUTS, ArchitectureChecks.TASKS,
        Architectures.create(name, Map.of()), new Head.Options(4)), 1);
    Graph g = new Graph(model.parameters(), null).begin(Mode.EVAL, new SplittableRandom(0));
    MultiTaskModel.Output output = model.run(g, g.input(ArchitectureChecks.data(8, 1).features()), model.allTasks());
    assertThat(output.representations().shared() != null).as(name)
        .isEqualTo(model.architecture().hasSharedCut());
  }
}
