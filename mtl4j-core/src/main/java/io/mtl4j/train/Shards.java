package io.mtl4j.train;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Batch;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.nn.RunningStatistics;
import io.mtl4j.task.Loss;
import io.mtl4j.task.Losses;
import io.mtl4j.task.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The local part of a step on every worker: the step's batches, one {@link ShardPass} per worker and the pool that
 * runs them. Workers write only their own buffers, so results never depend on scheduling.
 */
final class Shards {
  private final List<Task> tasks;
  private final DataParallel parallel;
  private final ShardPass[] passes;
  private final long seed;
  private final Batch[] batches;       // [task]: the batches being forwarded
  private final double[] denominators; // [task]: labelled rows of each whole batch
  private final double[] losses;       // [task]: of the last forward pass, NaN for tasks without a batch

  Shards(MultiTaskModel model, DataParallel parallel, long seed, boolean taskRows) {
    this(model, parallel, seed, taskRows, Losses.defaults());
  }

  Shards(MultiTaskModel model, DataParallel parallel, long seed, boolean taskRows, Registry<Loss> lossRegistry) {
    this.tasks = model.tasks();
    this.parallel = parallel;
    this.seed = seed;
    int t = tasks.size();
    Loss[] losses = new Loss[t];
    double[] taskWeights = new double[t];
    for (int i = 0; i < t; i++) {
      losses[i] = tasks.get(i).newLoss(lossRegistry);
      taskWeights[i] = tasks.get(i).weight();
    }
    this.passes = new ShardPass[parallel.workers()];
    for (int w = 0; w < passes.length; w++) {
      passes[w] = new ShardPass(w, parallel, model, losses, taskWeights, taskRows);
    }
    this.batches = new Batch[t];
    this.denominators = new double[t];
    this.losses = new double[t];
  }

  /** Makes {@code drawn} the batches to forward; returns whether every task has one. */
  boolean use(Batch[] drawn) {
    System.arraycopy(drawn, 0, batches, 0, batches.length);
    boolean complete = true;
    for (int t = 0; t < tasks.size(); t++) {
      Batch b = batches[t];
      complete &= b != null;
      denominators[t] = b == null ? 0 : b.labelled(b.taskIndex(tasks.get(t).name()));
    }
    return complete;
  }

  /** Forwards every shard (loss sample {@code sample}'s dropout stream) and sums the losses in worker order. */
  void forward(int epoch, long step, int sample, Mode mode, boolean keepRepresentation) {
    parallel.run(w -> passes[w].forward(batches, denominators, StepStreams.dropout(seed, step, w, sample), mode,
        keepRepresentation, epoch));
    for (int t = 0; t < tasks.size(); t++) {
      double sum = 0;
      for (ShardPass pass : passes) sum += pass.loss(t);
      losses[t] = batches[t] == null ? Double.NaN : sum;
    }
  }

  /** Refuses a step whose loss is not finite before anything is back-propagated. */
  void checkFinite(int epoch, long step) {
    for (int t = 0; t < tasks.size(); t++) {
      if (batches[t] != null && !Double.isFinite(losses[t])) {
        throw new NonFiniteLossException(tasks.get(t).name(), epoch, step, losses[t]);
      }
    }
  }

  /**
   * Folds the batch statistics of the last training forward pass into the running averages, in worker order, so
   * batch norm's running mean and variance see the whole batch whatever the thread timing. A worker without rows
   * recorded nothing and is left out; models without batch norm record nothing at all. Then writes the state values
   * the passes asked for ({@link Graph#writeState}).
   */
  void applyRunningStatistics(ParameterBuffer buffer) {
    List<Graph> graphs = new ArrayList<>(passes.length);
    for (ShardPass pass : passes) {
      if (!pass.graph().statistics().isEmpty()) graphs.add(pass.graph());
    }
    RunningStatistics.apply(buffer, graphs);
    // State decisions of the step's passes (every shard that ran decides the same from the same parameters).
    for (ShardPass pass : passes) {
      for (Graph.StateWrite w : pass.graph().stateWrites()) {
        io.mtl4j.nn.Parameter p = buffer.get(w.target().name());
        System.arraycopy(w.values(), 0, buffer.values(), p.offset(), p.size());
      }
    }
  }

  /** Runs {@code work} on every shard's pass, one per worker. */
  void run(java.util.function.Consumer<ShardPass> work) {
    parallel.run(w -> work.accept(passes[w]));
  }

  /** Runs {@code work(w)} for every worker w. */
  void runWorkers(IntConsumer work) {
    parallel.run(work);
  }

  ShardPass pass(int worker) {
    return passes[worker];
  }

  int workers() {
    return passes.length;
  }

  int taskCount() {
    return tasks.size();
  }

  /** Per-task losses of the last forward pass [T]; the caller copies what it keeps. */
  double[] losses() {
    return losses;
  }

  DataParallel parallel() {
    return parallel;
  }
}
