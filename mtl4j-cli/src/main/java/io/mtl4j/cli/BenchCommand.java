package io.mtl4j.cli;

import io.mtl4j.arch.MMoE;
import io.mtl4j.cli.bench.CnnBench;
import io.mtl4j.cli.bench.EmbeddingBench;
import io.mtl4j.cli.bench.PleBench;
import io.mtl4j.cli.bench.PredictBench;
import io.mtl4j.cli.bench.StepBenchmark;
import io.mtl4j.cli.bench.WeightingBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** End-to-end benchmarks; each prints one JSON line so a script can compare it with its PyTorch twin. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark workload.",
    subcommands = {BenchCommand.Mmoe.class, PleBench.class, CnnBench.class, EmbeddingBench.class, WeightingBench.class,
        ClassicalBenchCommand.class, io.mtl4j.cli.serve.ServeBench.class, PredictBench.class,
        io.mtl4j.cli.bench.StreamBench.class})
final class BenchCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  /** W1: one MMoE training step (bench/python/mmoe_step.py is the identical PyTorch model). */
  @Command(name = "mmoe", mixinStandardHelpOptions = true, description = "W1: MMoE training step (Adam, BCE).")
  static final class Mmoe implements Callable<Integer> {
    @Option(names = "--batch", defaultValue = "1024") int batch;
    @Option(names = "--inputs", defaultValue = "128") int inputs;
    @Option(names = "--experts", defaultValue = "8") int experts;
    @Option(names = "--expert-hidden", defaultValue = "64") int expertHidden;
    @Option(names = "--tower", defaultValue = "16") int tower;
    @Option(names = "--tasks", defaultValue = "2") int tasks;
    @Option(names = "--steps", defaultValue = "200") int steps;
    @Option(names = "--warmup", defaultValue = "50") int warmup;
    @Option(names = "--threads", description = "worker threads (default: all cores)") Integer threads;
    @Option(names = "--weighting", defaultValue = "ew") String weighting;
    @Option(names = "--representation-gradients",
        description = "gradient weightings use per-task gradients of the experts' outputs (LibMTL's rep_grad)")
    boolean representationGradients;

    @Override
    public Integer call() {
      StepBenchmark.run("mmoe-train-step", new MMoE.Options(experts, expertHidden), batch, inputs, tasks, tower,
          warmup, steps, threads, weighting, representationGradients, flopsPerStep());
      return 0;
    }

    /** GEMM flops per step; the same formula as bench/python/mmoe_step.py (forward + backward, no input gradient). */
    double flopsPerStep() {
      double b = batch, i = inputs, e = experts, h = expertHidden, k = tower, t = tasks;
      return 4 * b * i * e * h + 4 * b * i * e * t + 6 * b * e * h * t + t * (6 * b * h * k + 6 * b * k);
    }

  }
}
