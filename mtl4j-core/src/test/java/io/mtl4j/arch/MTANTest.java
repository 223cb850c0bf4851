package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.nn.Activation;
import org.junit.jupiter.api.Test;

class MTANTest {
  @Test
  void parameterGradientsMatchFiniteDifferences() {
    ArchitectureChecks.assertParameterGradients(new MTAN.Options(new int[] {3, 2}, Activation.TANH, 0), 5);
  }

  @Test
  void parameterCountFollowsTheFormula() {
    int d = 7, h1 = 5, h2 = 3, t = 2;
    int[] s = ArchitectureChecks.sizes(new MTAN.Options(h1, h2), d, t);
    int trunk = d * h1 + h1 + h1 * h2 + h2;
    int masks = t * (h1 * h1 + h1 + (h2 + h1) * h2 + h2);
    assertThat(s[0]).isEqualTo(trunk + masks);
    assertThat(s[1]).as("the trunk is shared, the masks are the tasks'").isEqualTo(trunk);
  }

  @Test
  void learnsInBothDataSettingsAndExposesItsAttention() {
    MTAN.Options o = new MTAN.Options(16, 8);
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnSingleInput(o), "single-input");
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnMultiInput(o), "multi-input");
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(ArchitectureChecks.INPUTS, ArchitectureChecks.TASKS, o,
        new Head.Options()), 1);
    double[][][] att = ((MTAN) m.architecture()).meanAttention(m.parameters(),
        ArchitectureChecks.data(100, 9).features(), 32);
    assertThat(att.length).isEqualTo(2);
    assertThat(att[0][0]).hasSize(16);
    assertThat(att[1][1]).hasSize(8);
    for (double[][] task : att) for (double[] layer : task) for (double v : layer) assertThat(v).isStrictlyBetween(0.0, 1.0);
  }
}
