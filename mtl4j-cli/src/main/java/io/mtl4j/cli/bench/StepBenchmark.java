package io.mtl4j.cli.bench;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.StepRecord;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times training steps of a model with binary tasks on one fixed random batch (Adam, lr 1e-3), through the real
 * trainer, and prints the JSON line the PyTorch twins print too.
 */
public final class StepBenchmark {
  private StepBenchmark() {}

  /** Runs warm-up steps, then times {@code steps} steps; prints and returns ms per step. */
  public static double run(String workload, Architecture.Factory architecture, int batch, int inputs, int tasks, int tower,
                    int warmup, int steps, Integer threads, String weighting, boolean representationGradients,
                    double flopsPerStep) {
    return run(workload, architecture, null, randomBatch(batch, inputs, tasks, 7), tower, warmup, steps, threads,
        weighting, representationGradients, flopsPerStep);
  }

  /**
   * As above on {@code batch}, one fixed batch whose tasks are task0, task1, …: one epoch is one step. With
   * {@code inputs}, the batch holds those feature groups and the model encodes them; null: a feature matrix.
   */
  static double run(String workload, Architecture.Factory architecture, InputSpec inputs, Dataset batch, int tower,
                    int warmup, int steps, Integer threads, String weighting, boolean representationGradients,
                    double flopsPerStep) {
    if (steps < 1 || warmup < 0) throw new IllegalArgumentException("--steps must be ≥ 1 and --warmup ≥ 0");
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    List<Task> taskList = new ArrayList<>();
    for (String name : batch.tasks()) taskList.add(Task.of(name, TaskType.binary()));
    Head.Options head = new Head.Options(tower);
    MultiTaskModel model = MultiTaskModel.create(inputs == null
        ? new ModelSpec(batch.featureCount(), taskList, architecture, head)
        : ModelSpec.of(inputs, taskList, architecture, head), 42);
    long[] times = new long[warmup + steps + 2]; // onStep reports steps 1..epochs
    long[] cpu = new long[times.length];
    TrainingListener clock = new TrainingListener() {
      @Override
      public void onStep(StepRecord record) {
        times[(int) record.step()] = System.nanoTime();
        cpu[(int) record.step()] = processCpuNanos();
      }
    };
    TrainingConfig config = TrainingConfig.builder().epochs(warmup + 1 + steps).batchSize(batch.rows())
        .threads(workers).seed(1).learningRate(1e-3).weighting(weighting)
        .representationGradients(representationGradients).build();
    new Trainer(config, clock).fit(model, batch, null);
    double ms = (times[warmup + 1 + steps] - times[warmup + 1]) / 1e6 / steps;
    double cpuMs = (cpu[warmup + 1 + steps] - cpu[warmup + 1]) / 1e6 / steps;
    System.out.printf(Locale.ROOT, "{\"workload\":\"%s\",\"impl\":\"mtl4j\",\"ms_per_step\":%.3f,\"gflops\":%.2f,"
        + "\"threads\":%d,\"weighting\":\"%s\",\"cpu_ms_per_step\":%.3f}%n", workload, ms,
        flopsPerStep / (ms / 1e3) / 1e9, workers,
        weighting + (representationGradients ? " (representation gradients)" : ""), cpuMs);
    return ms;
  }

  /**
   * CPU time of the whole process (every thread, the JIT's and GC's included): on a machine shared with other work
   * the wall time of a step stretches with the load, its CPU time much less. The twins print the same
   * (time.process_time()).
   */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** One epoch = one step: a fixed batch of N(0,1) features and random 0/1 labels. */
  private static Dataset randomBatch(int rows, int inputs, int tasks, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * inputs];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    return withRandomLabels(Dataset.builder(Tensor.of(x, rows, inputs)), rows, tasks, r);
  }

  /** {@code b}'s {@code rows} rows with random 0/1 labels for task0 … task{tasks−1}. */
  static Dataset withRandomLabels(Dataset.Builder b, int rows, int tasks, SplittableRandom r) {
    for (int t = 0; t < tasks; t++) {
      float[] y = new float[rows];
      for (int i = 0; i < rows; i++) y[i] = r.nextBoolean() ? 1f : 0f;
      b.task("task" + t, Tensor.of(y, rows));
    }
    return b.build();
  }
}
