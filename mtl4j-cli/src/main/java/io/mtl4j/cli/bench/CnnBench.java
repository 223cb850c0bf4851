package io.mtl4j.cli.bench;

import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.optim.Adam;
import io.mtl4j.task.LabelMask;
import io.mtl4j.task.loss.SoftmaxCrossEntropy;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.DataParallel;
import java.util.Arrays;
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
      Step step = new Step(model, parallel, images, labels);
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

  /** One data-parallel step; each worker owns its graph and gradient buffer. */
  private static final class Step {
    private final TwoHeadCnn model;
    private final DataParallel parallel;
    private final Tensor images;
    private final Tensor[] labels;
    private final int[] bounds;
    private final Graph[] graphs;
    private final float[][] gradients;
    private final float[] losses;
    private final Adam adam = new Adam(Adam.Options.defaults());
    private final SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();

    Step(TwoHeadCnn model, DataParallel parallel, Tensor images, Tensor[] labels) {
      this.model = model;
      this.parallel = parallel;
      this.images = images;
      this.labels = labels;
      this.bounds = parallel.split(images.dim(0));
      int workers = parallel.workers(), size = model.buffer().size();
      graphs = new Graph[workers];
      gradients = new float[workers][size];
      losses = new float[workers];
      for (int w = 0; w < workers; w++) graphs[w] = new Graph(model.buffer(), gradients[w]);
    }

    /** Returns the summed loss of the step. */
    float run() {
      parallel.run(this::shard);
      float[] total = gradients[0];
      float loss = losses[0];
      for (int w = 1; w < gradients.length; w++) {
        loss += losses[w];
        for (int i = 0; i < total.length; i++) total[i] += gradients[w][i];
      }
      adam.step(model.buffer().values(), total);
      return loss;
    }

    private void shard(int w) {
      Arrays.fill(gradients[w], 0f);
      int from = bounds[w], to = bounds[w + 1];
      Graph g = graphs[w].begin(Mode.TRAIN, new SplittableRandom(w));
      Var[] logits = model.forward(g, g.input(images.rowSlice(from, to)));
      // Each shard's mean is over the whole batch, so the shards' gradients add up to the batch gradient.
      LabelMask mask = new LabelMask(Tensor.zeros(to - from).fill(1f), images.dim(0));
      Var loss = null;
      for (int t = 0; t < logits.length; t++) {
        Var term = crossEntropy.loss(logits[t], labels[t].rowSlice(from, to), mask);
        loss = loss == null ? term : Elementwise.add(loss, term);
      }
      g.tape().backward(loss);
      losses[w] = loss.item();
    }
  }
}
