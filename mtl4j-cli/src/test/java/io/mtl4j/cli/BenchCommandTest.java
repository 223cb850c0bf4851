package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
  @Test
  void mmoeWorkloadPrintsOneJsonLineWithTheAgreedFields() {
    CliRunner.Result r = CliRunner.run("bench", "mmoe", "--batch", "64", "--inputs", "16", "--experts", "2",
        "--expert-hidden", "8", "--tower", "4", "--steps", "3", "--warmup", "1", "--threads", "2");
    assertThat(r.exitCode()).isZero();
    String line = r.out().strip();
    assertThat(line.lines()).hasSize(1);
    assertThat(line).startsWith("{\"workload\":\"mmoe-train-step\",\"impl\":\"mtl4j\",\"ms_per_step\":")
        .contains("\"gflops\":").contains("\"threads\":2");
  }

  @Test
  void flopCountMatchesThePyTorchTwinsFormulaForW1() {
    BenchCommand.Mmoe w1 = new BenchCommand.Mmoe();
    w1.batch = 1024;
    w1.inputs = 128;
    w1.experts = 8;
    w1.expertHidden = 64;
    w1.tower = 16;
    w1.tasks = 2;
    // bench/python/mmoe_step.py: "W1 (B=1024, I=128, E=8, H=64, K=16, T=2): 295,895,040 flops per step"
    assertThat(w1.flopsPerStep()).isCloseTo(295_895_040.0, within(0.5));
  }

  @Test
  void invalidWorkloadSizesAreRefusedWithExitCode2() {
    CliRunner.Result r = CliRunner.run("bench", "mmoe", "--experts", "0", "--steps", "1", "--warmup", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("experts = 0");
  }

  @Test
  void weightingBenchPrintsOneLinePerMethodAndTaskCount() {
    CliRunner.Result r = CliRunner.run("bench", "weighting", "--tasks", "2,3", "--dim", "50", "--steps", "1",
        "--methods", "ew,pcgrad,mgda");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().lines().toList()).hasSize(6)
        .allMatch(l -> l.startsWith("{\"workload\":\"weighting-combine\",\"method\":"));
    assertThat(r.out()).contains("\"method\":\"pcgrad\",\"tasks\":3,\"dim\":50");
  }

  @Test
  void cnnWorkloadPrintsOneJsonLineAndRefusesBadSizes() {
    CliRunner.Result r = CliRunner.run("bench", "cnn", "--batch", "4", "--steps", "1", "--warmup", "0", "--threads", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip().lines()).hasSize(1);
    assertThat(r.out().strip()).startsWith("{\"workload\":\"cnn-train-step\",\"impl\":\"mtl4j\",\"ms_per_step\":")
        .contains("\"threads\":2");
    CliRunner.Result bad = CliRunner.run("bench", "cnn", "--classes", "1", "--steps", "1", "--warmup", "0");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("--classes ≥ 2");
  }

  @Test
  void embeddingWorkloadTrainsRowSparseTablesAndPrintsOneJsonLine() {
    CliRunner.Result r = CliRunner.run("bench", "embedding", "--batch", "32", "--fields", "3", "--rows", "500",
        "--dimension", "4", "--experts", "2", "--expert-hidden", "8", "--tower", "4", "--steps", "2", "--warmup", "1",
        "--threads", "2");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out().strip().lines()).hasSize(1);
    assertThat(r.out()).startsWith("{\"workload\":\"embedding-train-step\",\"impl\":\"mtl4j\",\"ms_per_step\":");
  }

  @Test
  void embeddingFlopCountMatchesThePyTorchTwinsFormula() {
    io.mtl4j.cli.bench.EmbeddingBench defaults = new picocli.CommandLine(new io.mtl4j.cli.bench.EmbeddingBench())
        .getCommand();
    new picocli.CommandLine(defaults).parseArgs();
    // bench/python/embedding_step.py flops_per_step(256, 26·16, 8, 64, 16, 2), evaluated by hand
    assertThat(defaults.flopsPerStep()).isCloseTo(342_147_072.0, within(0.5));
  }

  @Test
  void embeddingTablesWithoutRowsAreRefusedWithExitCode2() {
    CliRunner.Result r = CliRunner.run("bench", "embedding", "--rows", "0", "--steps", "1", "--warmup", "0");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--fields, --rows, --dimension and --batch must be ≥ 1, got 26, 0, 16, 256");
  }
}
