package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.nn.Activation;
import org.junit.jupiter.api.Test;

class CrossStitchTest {
  @Test
  void parameterGradientsMatchFiniteDifferences() {
    ArchitectureChecks.assertParameterGradients(new CrossStitch.Options(new int[] {3, 2}, Activation.TANH, 0, 0.7), 4);
  }

  @Test
  void parameterCountFollowsTheFormula() {
    int d = 7, h1 = 5, h2 = 3, t = 3;
    int[] s = ArchitectureChecks.sizes(new CrossStitch.Options(h1, h2), d, t);
    assertThat(s[0]).isEqualTo(t * (d * h1 + h1 + h1 * h2 + h2) + 2 * t * t);
    assertThat(s[1]).as("only the stitch units are shared").isEqualTo(2 * t * t);
  }

  @Test
  void stitchStartsNearTheIdentity() {
    java.util.List<io.mtl4j.task.Task> tasks = ArchitectureChecks.TASKS;
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(4, tasks, new CrossStitch.Options(3), new Head.Options()), 1);
    double[][] a = ((CrossStitch) m.architecture()).stitch(m.parameters(), 0);
    assertThat(a[0][0]).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a[0][1]).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void learnsInBothDataSettings() {
    CrossStitch.Options o = new CrossStitch.Options(16);
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnSingleInput(o), "single-input");
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnMultiInput(o), "multi-input");
  }
}
