package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.nn.Activation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MMoEGatesTest {
  @ParameterizedTest
  @EnumSource(MMoE.Gate.class)
  void parameterGradientsMatchFiniteDifferences(MMoE.Gate gate) {
    // γ = 4 keeps the tiny instance's selector logits inside the smooth step's cubic part.
    ArchitectureChecks.assertParameterGradients(new MMoE.Options(4, new int[] {3}, Activation.TANH, 0, gate, 2, 4.0), 6);
  }

  @Test
  void parameterCountsFollowTheFormula() {
    int d = 7, e = 8, h = 5, t = 2, k = 3;
    int experts = d * e * h + e * h;
    int[] omoe = ArchitectureChecks.sizes(new MMoE.Options(e, h).withGate(MMoE.Gate.SHARED), d, t);
    assertThat(omoe[0]).isEqualTo(experts + d * e + e);
    assertThat(omoe[1]).as("OMoE's one gate is shared").isEqualTo(experts + d * e + e);
    MMoE.Options dselect = new MMoE.Options(e, new int[] {h}, Activation.RELU, 0, MMoE.Gate.DSELECT, k, 1.0);
    int[] ds = ArchitectureChecks.sizes(dselect, d, t);
    assertThat(ds[0]).isEqualTo(experts + t * (d * k * 3 + k * 3 + d * k + k));
    assertThat(ds[1]).isEqualTo(experts);
  }

  @Test
  void learnInBothDataSettings() {
    for (MMoE.Gate gate : new MMoE.Gate[] {MMoE.Gate.SHARED, MMoE.Gate.DSELECT}) {
      MMoE.Options o = new MMoE.Options(4, 8).withGate(gate);
      ArchitectureChecks.assertLearns(ArchitectureChecks.learnSingleInput(o), gate + " single-input");
      ArchitectureChecks.assertLearns(ArchitectureChecks.learnMultiInput(o), gate + " multi-input");
    }
  }

  @Test
  void registryNamesFollowTheGate() {
    assertThat(Architectures.byName("omoe").name()).isEqualTo("omoe");
    assertThat(Architectures.byName("dselect-k").name()).isEqualTo("dselect-k");
    assertThat(Architectures.create("mmoe", Map.of("gate", "shared")).name()).isEqualTo("omoe");
    Map<String, Object> options = Architectures.toMap(Architectures.byName("dselect-k"));
    assertThat(Architectures.toMap(Architectures.create("dselect-k", options))).isEqualTo(options);
    assertThatThrownBy(() -> Architectures.create("dselect-k", Map.of("experts", 6))).hasMessageContaining("power of two");
  }
}
