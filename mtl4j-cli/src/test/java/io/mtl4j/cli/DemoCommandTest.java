package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
  @Test
  void demoPrintsOneTableWithEveryModelAndDeltaM() {
    CliRunner.Result r = CliRunner.run("demo", "--train-rows", "600", "--epochs", "3", "--seeds", "1", "--threads", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("task1/mse").contains("task2/mse").contains("Δm%")
        .containsPattern("(?m)^single-task .* base$")
        .containsPattern("(?m)^shared-bottom .* [+-]\\d+\\.\\d\\d$")
        .containsPattern("(?m)^mmoe .* [+-]\\d+\\.\\d\\d$");
  }

  @Test
  void invalidFractionIsRefusedWithExitCode2() {
    CliRunner.Result r = CliRunner.run("demo", "--task2-labelled", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--task2-labelled = 0.0");
  }
}
