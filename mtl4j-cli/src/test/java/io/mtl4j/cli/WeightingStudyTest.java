package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightingStudyTest {
  @Test
  void writesTheTableTheCsvAndTheChartAndSaysWhichMethodsItSkipped(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("study");
    CliRunner.Result r = CliRunner.run("study", "weighting", "--out", out.toString(),
        // CGC has no single shared representation, so GradDrop (representation gradients) must be skipped.
        "--methods", "ew,pcgrad,modo,graddrop", "--architecture", "cgc", "--epochs", "2", "--train-rows", "300", "--seeds", "1", "--threads", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).containsPattern("(?m)^ew .* base$").containsPattern("(?m)^pcgrad .* [+-]\\d+\\.\\d\\d$")
        .containsPattern("(?m)^modo .* [+-]\\d+\\.\\d\\d$").contains("skipped graddrop").doesNotContain("skipped modo");
    assertThat(Files.readAllLines(out.resolve("weighting.csv"))).first().isEqualTo("model,seed,task,metric,value");
    assertThat(Files.size(out.resolve("delta-m.png"))).isPositive();
  }

  @Test
  void refusesToRunWithoutTheEWBaseline(@TempDir Path dir) {
    CliRunner.Result r = CliRunner.run("study", "weighting", "--out", dir.resolve("s").toString(), "--methods", "pcgrad",
        "--epochs", "1", "--train-rows", "100", "--seeds", "1");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("needs 'ew'");
  }
}
