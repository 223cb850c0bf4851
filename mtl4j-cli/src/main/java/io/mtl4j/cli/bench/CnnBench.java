package io.mtl4j.cli.bench;

import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.DataParallel;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One training step of the seeds' two-head CNN ({@link TwoHeadCnn}) on a fixed random batch: the shards' forward and
 * backward passes run in parallel, their gradients are summed in shard order, and Adam (lr 1e-3) steps the buffer.
 * bench/python/cnn_step.py is the identical PyTorch step; prints the same one JSON line.
 */
@Command(name = "cnn", mixinStandardHelpOptions = true,
    description = "Two-head CNN training step (1×28×28, conv 32/64, max pool, dense 64, two 10-class heads, Adam).")
public final class CnnBench implements Callable<Integer> {
  @Option(names = "--batch", defaultValue = "128") int batch;
  @Option(names = "--classes", defaultValue = "10") int classes;
  @Option(names = "--tasks", defaultValue = "2") int tasks;
  @Option(names = "--steps", defaultValue = "50") int steps;
  @Option(names = "--warmup", defaultValue = "10") int warmup;
  @Option(names = "--threads", description = "worker threads (default: all cores)") Integer threads;

  @Override
  public Integer call() {
    if (batch < 1 || classes < 2 || tasks < 1 || steps < 1 || warmup < 0) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--batch, --tasks and --steps "
          + "must be ≥ 1, --classes ≥ 2 and --warmup ≥ 0");
    }
    int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    TwoHeadCnn model = new TwoHeadCnn(tasks, classes, 42);
    SplittableRandom r = new SplittableRandom(7);
    Tensor images = Tensor.zeros(batch, 1, TwoHeadCnn.SIDE, TwoHeadCnn.SIDE);
    for (int i = 0; i < images.size(); i++) images.set(i, (float) r.nextGaussian());
    Tensor[] labels = new Tensor[tasks];
    for (int t = 0; t < tasks; t++) {
      labels[t] = Tensor.zeros(batch);
      for (int i = 0; i < batch; i++) labels[t].set(i, r.nextInt(classes));
    }
    try (DataParallel parallel = new DataParallel(Math.min(workers, batch))) {
      CnnStep step = new CnnStep(model, parallel, images, labels);
      for (int s = 0; s < warmup; s++) step.run();
      long start = System.nanoTime();
      float loss = 0;
      for (int s = 0; s < steps; s++) loss = step.run();
      double ms = (System.nanoTime() - start) / 1e6 / steps;
      if (!Float.isFinite(loss)) throw new IllegalStateException("cnn-train-step: non-finite loss " + loss);
      System.out.printf(Locale.ROOT, "{\"workload\":\"cnn-train-step\",\"impl\":\"mtl4j\",\"ms_per_step\":%.3f,"
          + "\"gflops\":%.2f,\"threads\":%d}%n", ms, TwoHeadCnn.flopsPerStep(batch, tasks, classes) / (ms / 1e3) / 1e9,
          parallel.workers());
    }
    return 0;
  }
}
