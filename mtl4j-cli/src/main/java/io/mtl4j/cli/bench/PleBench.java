package io.mtl4j.cli.bench;

import io.mtl4j.arch.PLE;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One PLE training step (bench/python/ple_step.py is the identical PyTorch model); prints one JSON line. */
@Command(name = "ple", mixinStandardHelpOptions = true, description = "PLE training step (2 levels, Adam, BCE).")
public final class PleBench implements Callable<Integer> {
  @Option(names = "--batch", defaultValue = "1024") int batch;
  @Option(names = "--inputs", defaultValue = "128") int inputs;
  @Option(names = "--levels", defaultValue = "2") int levels;
  @Option(names = "--shared-experts", defaultValue = "4") int sharedExperts;
  @Option(names = "--task-experts", defaultValue = "2") int taskExperts;
  @Option(names = "--expert-hidden", defaultValue = "64") int expertHidden;
  @Option(names = "--tower", defaultValue = "16") int tower;
  @Option(names = "--tasks", defaultValue = "2") int tasks;
  @Option(names = "--steps", defaultValue = "200") int steps;
  @Option(names = "--warmup", defaultValue = "50") int warmup;
  @Option(names = "--threads", description = "worker threads (default: all cores)") Integer threads;
  @Option(names = "--weighting", defaultValue = "ew") String weighting;

  @Override
  public Integer call() {
    StepBenchmark.run("ple-train-step", new PLE.Options(levels, sharedExperts, taskExperts, expertHidden), batch,
        inputs, tasks, tower, warmup, steps, threads, weighting, false, flopsPerStep());
    return 0;
  }

  /** GEMM flops per step; the same formula as bench/python/ple_step.py. */
  double flopsPerStep() {
    double b = batch, h = expertHidden, k = tower, t = tasks, es = sharedExperts, et = taskExperts;
    double flops = 0;
    for (int l = 0; l < levels; l++) {
      double in = l == 0 ? inputs : h;
      double passes = l == 0 ? 4 : 6; // forward + weight gradient (+ input gradient above the first level)
      boolean top = l == levels - 1;
      flops += passes * b * in * (es + t * et) * h;                  // experts
      flops += passes * b * in * (et + es) * t;                      // task gates
      flops += 6 * b * (et + es) * h * t;                            // task mixtures
      if (!top) {
        flops += passes * b * in * (t * et + es);                    // shared gate
        flops += 6 * b * (t * et + es) * h;                          // shared mixture
      }
    }
    return flops + t * (6 * b * h * k + 6 * b * k);
  }

}
