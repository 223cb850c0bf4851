package io.mtl4j.cli;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** End-to-end benchmarks; each prints one JSON line so a script can compare it with its PyTorch twin. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a benchmark workload.",
    subcommands = {BenchCommand.Mmoe.class, PleBench.class, WeightingBench.class})
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

    @Override
    public Integer call() {
      int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      List<Task> taskList = new ArrayList<>();
      for (int t = 0; t < tasks; t++) taskList.add(Task.of("task" + t, TaskType.binary()));
      ModelSpec spec = new ModelSpec(inputs, taskList, new MMoE.Options(experts, expertHidden), new Head.Options(tower));
      MultiTaskModel model = MultiTaskModel.create(spec, 42);
      Dataset data = randomBatch(batch, inputs, tasks, 7);
      long[] times = new long[warmup + steps + 2]; // onStep reports steps 1..epochs
      TrainingListener clock = new TrainingListener() {
        @Override
        public void onStep(int epoch, long step, double[] losses) {
          times[(int) step] = System.nanoTime();
        }
      };
      TrainingConfig config = TrainingConfig.builder().epochs(warmup + 1 + steps).batchSize(batch).threads(workers)
          .seed(1).learningRate(1e-3).weighting(weighting).build();
      new Trainer(config, clock).fit(model, data, null);
      double ms = (times[warmup + 1 + steps] - times[warmup + 1]) / 1e6 / steps;
      double gflops = flopsPerStep() / (ms / 1e3) / 1e9;
      System.out.printf(Locale.ROOT, "{\"workload\":\"mmoe-train-step\",\"impl\":\"mtl4j\",\"ms_per_step\":%.3f,"
          + "\"gflops\":%.2f,\"threads\":%d,\"weighting\":\"%s\"}%n", ms, gflops, workers, weighting);
      return 0;
    }

    /** GEMM flops per step; the same formula as bench/python/mmoe_step.py (forward + backward, no input gradient). */
    double flopsPerStep() {
      double b = batch, i = inputs, e = experts, h = expertHidden, k = tower, t = tasks;
      return 4 * b * i * e * h + 4 * b * i * e * t + 6 * b * e * h * t + t * (6 * b * h * k + 6 * b * k);
    }

    private static Dataset randomBatch(int rows, int inputs, int tasks, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      float[] x = new float[rows * inputs];
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
      Dataset.Builder b = Dataset.builder(Tensor.of(x, rows, inputs));
      for (int t = 0; t < tasks; t++) {
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) y[i] = r.nextBoolean() ? 1f : 0f;
        b.task("task" + t, Tensor.of(y, rows));
      }
      return b.build();
    }
  }
}
