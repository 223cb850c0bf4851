package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.nn.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PLETest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void parameterGradientsMatchFiniteDifferences(int levels) {
    ArchitectureChecks.assertParameterGradients(new PLE.Options(levels, 2, 1, new int[] {3, 2}, Activation.TANH, 0), levels);
  }

  @Test
  void parameterCountFollowsTheFormula() {
    int d = 7, es = 3, et = 2, h = 5, t = 2;
    int level0Shared = d * es * h + es * h + d * (t * et + es) + t * et + es;
    int level0Tasks = t * (d * et * h + et * h + d * (et + es) + et + es);
    int level1Shared = h * es * h + es * h;
    int level1Tasks = t * (h * et * h + et * h + h * (et + es) + et + es);
    int[] ple = ArchitectureChecks.sizes(new PLE.Options(2, es, et, h), d, t);
    assertThat(ple[0]).isEqualTo(level0Shared + level0Tasks + level1Shared + level1Tasks);
    assertThat(ple[1]).as("shared experts and the shared gate").isEqualTo(level0Shared + level1Shared);
    int[] cgc = ArchitectureChecks.sizes(new PLE.Options(1, es, et, h), d, t);
    assertThat(cgc[0]).as("CGC has no shared gate").isEqualTo(d * es * h + es * h + level0Tasks);
  }

  @Test
  void learnsInBothDataSettings() {
    PLE.Options ple = new PLE.Options(2, 2, 1, 8);
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnSingleInput(ple), "ple single-input");
    ArchitectureChecks.assertLearns(ArchitectureChecks.learnMultiInput(new PLE.Options(1, 2, 1, 8)), "cgc multi-input");
  }

  @Test
  void registryNamesCgcAndPle() {
    assertThat(Architectures.byName("cgc").name()).isEqualTo("cgc");
    assertThat(Architectures.create("ple", java.util.Map.of("levels", 3)).name()).isEqualTo("ple");
    assertThatThrownBy(() -> new PLE.Options(0, 1, 1, 4)).hasMessageContaining("levels = 0");
    assertThatThrownBy(() -> new PLE.Options(2, 0, 1, 4)).hasMessageContaining("sharedExperts = 0");
  }
}
