package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.Loss;
import io.mtl4j.tensor.Permutations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hogwild! (Recht, Ré, Wright and Niu, NIPS 2011): asynchronous SGD in which each worker thread draws its own
 * batches, back-propagates Σ w_t·L_t into its own gradient buffer and writes the update into the shared parameter
 * array without any lock. NOT deterministic: which update a read sees depends on thread timing, so two runs with
 * one seed differ (one thread is sequential and repeatable). For equal task weights and plain SGD only; the
 * deterministic data-parallel {@link Trainer} is unchanged by it.
 */
public final class Hogwild {
  private Hogwild() {}

  /**
   * @param threads      worker threads, bounded by {@link ThreadLimit} ({@code training.threads})
   * @param epochs       passes over the training rows (each worker takes every {@code threads}-th batch)
   * @param batchSize    rows per worker step
   * @param learningRate SGD step size
   * @param seed         the epochs' shuffles and the dropout streams
   */
  public record Options(int threads, int epochs, int batchSize, double learningRate, long seed) {
    public Options {
      ThreadLimit.check("training.threads", threads);
      if (epochs < 1) throw new IllegalArgumentException("training.epochs = " + epochs + ", expected ≥ 1");
      if (batchSize < 1) throw new IllegalArgumentException("training.batchSize = " + batchSize + ", expected ≥ 1");
      if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
        throw new IllegalArgumentException("optimizer.options.learningRate = " + learningRate + ", expected > 0");
      }
    }
  }

  /** Trains {@code model} in place; {@code valid} (may be null) is evaluated after each epoch. */
  public static TrainingResult fit(MultiTaskModel model, Dataset train, Dataset valid, Options o) {
    Trainer.requireTasks(model.tasks(), train.tasks(), "training");
    Trainer.checkWidth(model.spec(), train.featureCount(), "training");
    long start = System.nanoTime();
    int batch = Math.max(1, Math.min(o.batchSize(), train.rows()));
    Worker[] workers = new Worker[o.threads()];
    for (int w = 0; w < workers.length; w++) workers[w] = new Worker(w, model, train, batch, o);
    AtomicLong steps = new AtomicLong();
    List<EpochRecord> records = new ArrayList<>();
    try (DataParallel parallel = new DataParallel(o.threads())) {
      for (int epoch = 0; epoch < o.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        int[] order = Permutations.shuffled(train.rows(), new SplittableRandom(StepStreams.mix(o.seed(), epoch, StepStreams.SHUFFLE)));
        int e = epoch;
        parallel.run(w -> workers[w].epoch(e, order, steps));
        double[] losses = meanLosses(workers, model.tasks().size());
        long validationStart = System.nanoTime();
        Evaluation validation = valid == null ? null : ModelEvaluator.evaluate(model, valid);
        double validationSeconds = valid == null ? 0 : (System.nanoTime() - validationStart) / 1e9;
        double score = validation == null ? Double.NaN : validation.meanPrimaryScore();
        double[] ones = new double[losses.length];
        Arrays.fill(ones, 1);
        records.add(new EpochRecord(epoch, losses, ones, validation, score, epoch == o.epochs() - 1,
            (System.nanoTime() - epochStart) / 1e9, validationSeconds));
      }
    }
    return new TrainingResult(records, records.size() - 1, steps.get(), (System.nanoTime() - start) / 1e9);
  }

  private static double[] meanLosses(Worker[] workers, int tasks) {
    double[] mean = new double[tasks];
    long count = 0;
    for (Worker w : workers) {
      for (int t = 0; t < tasks; t++) mean[t] += w.lossSums[t];
      count += w.steps;
      w.reset();
    }
    for (int t = 0; t < tasks; t++) mean[t] /= Math.max(1, count);
    return mean;
  }

  /** One thread's state: its own pass, batch buffer and gradient; only the parameter values are shared. */
  private static final class Worker {
    private final int index;
    private final MultiTaskModel model;
    private final Dataset train;
    private final int batchSize;
    private final Options options;
    private final ShardPass pass;
    private final Batch batch;
    private final Batch[] perTask;
    private final double[] denominators, ones, lossSums;
    private long steps;

    Worker(int index, MultiTaskModel model, Dataset train, int batchSize, Options options) {
      this.index = index;
      this.model = model;
      this.train = train;
      this.batchSize = batchSize;
      this.options = options;
      int tasks = model.tasks().size();
      Loss[] losses = new Loss[tasks];
      double[] weights = new double[tasks];
      for (int t = 0; t < tasks; t++) {
        losses[t] = model.tasks().get(t).newLoss();
        weights[t] = model.tasks().get(t).weight();
      }
      // A pool of one: this worker's pass forwards its whole batch; index 0 adds the parameter penalty, so each
      // worker's step is a complete SGD step of its own.
      this.pass = new ShardPass(0, true, new DataParallel(1), model, losses, weights, false);
      this.batch = train.newBatch(batchSize);
      this.perTask = new Batch[tasks];
      this.denominators = new double[tasks];
      this.ones = new double[tasks];
      this.lossSums = new double[tasks];
      Arrays.fill(ones, 1);
    }

    /** Every {@code threads}-th batch of the epoch's order, starting at this worker's index. */
    void epoch(int epoch, int[] order, AtomicLong steps) {
      float[] values = model.parameters().values();
      int batches = BatchPlan.batches(order.length, batchSize);
      for (int b = index; b < batches; b += options.threads()) {
        batch.load(train, order, b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        Arrays.fill(perTask, batch);
        for (int t = 0; t < perTask.length; t++) {
          denominators[t] = batch.labelled(batch.taskIndex(model.tasks().get(t).name()));
        }
        long step = steps.getAndIncrement();
        long dropout = StepStreams.dropout(options.seed(), step, index, 0);
        pass.forward(perTask, denominators, dropout, Mode.TRAIN, false, epoch);
        if (!pass.graph().statistics().isEmpty()) {
          throw new IllegalArgumentException("hogwild: the model has batch norm, whose running statistics need one "
              + "ordered reduction per step; train it with the synchronous trainer");
        }
        for (int t = 0; t < lossSums.length; t++) {
          double loss = pass.loss(t);
          if (!Double.isFinite(loss)) throw new NonFiniteLossException(model.tasks().get(t).name(), epoch, step, loss);
          lossSums[t] += loss;
        }
        pass.backwardCombined(ones);
        update(values, pass.gradients(), (float) options.learningRate());
        this.steps++;
      }
    }

    /** The lock-free write: no other thread is waited for, and only coordinates with a gradient are touched. */
    private static void update(float[] values, float[] gradient, float rate) {
      for (int i = 0; i < gradient.length; i++) {
        float g = gradient[i];
        if (g != 0f) values[i] -= rate * g;
      }
    }

    void reset() {
      Arrays.fill(lossSums, 0);
      steps = 0;
    }
  }
}
