package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void infoNamesTheBlasBackend() {
    CliRunner.Result r = CliRunner.run("info");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("BLAS backend:").containsPattern("JNIBLAS|VectorBLAS|F2jBLAS");
  }

  @Test
  void unknownCommandIsAUsageErrorWithExitCode2() {
    CliRunner.Result r = CliRunner.run("trian");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("trian");
  }

  @Test
  void badOptionValueIsAUsageErrorWithExitCode2() {
    CliRunner.Result r = CliRunner.run("bench", "mmoe", "--batch", "many");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--batch").contains("many");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {{"--help"}, {"demo", "--help"}, {"bench", "mmoe", "--help"}, {"info", "--help"}}) {
      CliRunner.Result r = CliRunner.run(cmd);
      assertThat(r.exitCode()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).contains("Usage:");
    }
  }
}
