package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.task.Losses;
import io.mtl4j.task.Task;
import io.mtl4j.train.NonFiniteLossException;
import io.mtl4j.train.PartitionPass;
import io.mtl4j.train.StepPartial;
import io.mtl4j.train.SyncStep;
import io.mtl4j.train.TrainingConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Synchronous data-parallel training on Spark: the single-JVM trainer's batches (same seed, same global batch), each
 * step's local passes run by the partitions on the broadcast parameters ({@link PartitionPass}), their partials
 * summed in partition order by {@code treeAggregate} ({@link PartitionOrderSum}), and the weighting and update run
 * once on the driver ({@link SyncStep}). The result equals one JVM's up to float rounding of the sums.
 */
final class SyncTraining {
  /** Called at the start of every partition's pass: a test injects task failures here. */
  interface TaskHook extends Serializable {
    void beforePass(int partition, long step);
  }

  static final TaskHook NO_HOOK = (partition, step) -> { };

  /** The passes a partition runs. */
  private enum Kind { LOSSES_TRAIN, LOSSES_EVAL, COMBINED, TASK_ROWS }

  private final JavaSparkContext spark;
  private final JavaRDD<PartitionRows> data;
  private final int partitions;
  private final Broadcast<Map<String, Object>> spec;
  private final long seed;
  private final TaskHook hook;

  private SyncTraining(JavaRDD<PartitionRows> data, ModelSpec spec, long seed, TaskHook hook) {
    this.spark = JavaSparkContext.fromSparkContext(data.context());
    this.data = data;
    this.partitions = data.getNumPartitions();
    this.spec = spark.broadcast(ModelSpecMaps.toMap(spec));
    this.seed = seed;
    this.hook = hook;
  }

  /**
   * Trains a model of {@code spec} (initialised from {@code config.seed()}, as a single-JVM run would be) on
   * {@code rows}.
   *
   * @throws IllegalArgumentException for bad data, with the message the single-JVM path gives
   */
  static MultiTaskModel fit(JavaRDD<Row> rows, RowReader reader, ModelSpec spec, TrainingConfig config,
                            TaskHook hook) {
    MultiTaskModel model = MultiTaskModel.create(spec, config.seed());
    SyncStep sync = new SyncStep(model, config); // refuses unsupported settings before any job runs
    List<String> tasks = spec.tasks().stream().map(Task::name).toList();
    int width = spec.inputs();
    List<Integer> sizes = rows.mapPartitions(SyncTraining::count).collect();
    long[] starts = new long[sizes.size() + 1];
    for (int p = 0; p < sizes.size(); p++) starts[p + 1] = starts[p] + sizes.get(p);
    if (starts[sizes.size()] == 0) throw new IllegalArgumentException("training data has no rows");
    if (starts[sizes.size()] > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("training data has " + starts[sizes.size()] + " rows; at most "
          + Integer.MAX_VALUE + " are supported (the single-JVM row index is an int)");
    }
    JavaRDD<PartitionRows> data = rows.mapPartitionsWithIndex((p, it) ->
        List.of(PartitionRows.read(it, reader, tasks, width, starts[p])).iterator(), true)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      boolean[][] labelled = labelled(data.map(PartitionRows::labelled).collect(), tasks.size(),
          (int) starts[sizes.size()]);
      new SyncTraining(data, spec, config.seed(), hook).run(model, sync, config, labelled);
      return model;
    } finally {
      data.unpersist(false);
    }
  }

  private static java.util.Iterator<Integer> count(java.util.Iterator<Row> it) {
    int n = 0;
    for (; it.hasNext(); it.next()) n++;
    return List.of(n).iterator();
  }

  /** The partitions' label masks joined in partition (= global row) order, [T][rows]. */
  private static boolean[][] labelled(List<boolean[][]> parts, int tasks, int rows) {
    boolean[][] out = new boolean[tasks][rows];
    int at = 0;
    for (boolean[][] part : parts) {
      for (int t = 0; t < tasks; t++) System.arraycopy(part[t], 0, out[t], at, part[t].length);
      at += part.length == 0 ? 0 : part[0].length;
    }
    return out;
  }

  private void run(MultiTaskModel model, SyncStep sync, TrainingConfig config, boolean[][] labelled) {
    int rows = labelled[0].length;
    int batch = SyncStep.batchRows(config.batchSize(), rows);
    int steps = (rows + batch - 1) / batch;
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      Broadcast<int[]> order = spark.broadcast(SyncStep.epochOrder(config.seed(), epoch, rows));
      for (int s = 0; s < steps; s++, step++) {
        int from = s * batch, to = Math.min(rows, from + batch);
        double[] denominators = denominators(labelled, order.value(), from, to);
        try {
          step(model, sync, epoch, step, new Window(order, from, to, denominators));
        } catch (NonFiniteLossException e) {
          throw e.inBatch(epoch, s, steps);
        }
      }
      sync.endEpoch();
      order.destroy();
    }
  }

  /** One step's rows: {@code order[from, to)}, and each task's labelled rows among them. */
  private record Window(Broadcast<int[]> order, int from, int to, double[] denominators) implements Serializable {}

  private void step(MultiTaskModel model, SyncStep sync, int epoch, long step, Window window) {
    sync.begin(epoch, step);
    Broadcast<float[]> params = spark.broadcast(model.parameters().values().clone());
    try {
      StepPartial summed;
      if (sync.lossesFirst()) {
        double[] scales = sync.scales(pass(Kind.LOSSES_TRAIN, params, window, step, null));
        summed = pass(Kind.COMBINED, params, window, step, scales);
      } else {
        summed = pass(Kind.TASK_ROWS, params, window, step, null);
      }
      sync.apply(summed);
    } finally {
      params.destroy();
    }
    if (sync.lossesAfterStep()) {
      Broadcast<float[]> updated = spark.broadcast(model.parameters().values().clone());
      try {
        sync.afterStep(pass(Kind.LOSSES_EVAL, updated, window, step, null));
      } finally {
        updated.destroy();
      }
    }
  }

  /** Runs one pass on every partition and sums the partials in partition order. */
  private StepPartial pass(Kind kind, Broadcast<float[]> params, Window window, long step, double[] scales) {
    Broadcast<Map<String, Object>> spec = this.spec;
    long seed = this.seed;
    TaskHook hook = this.hook;
    JavaRDD<PartitionOrderSum.Leaf> leaves = data.mapPartitionsWithIndex((p, it) -> {
      hook.beforePass(p, step);
      PartitionRows rows = it.next();
      MultiTaskModel m = MultiTaskModel.create(ModelSpecMaps.fromMap(spec.value()), params.value());
      PartitionPass pass = new PartitionPass(m, seed, p, kind == Kind.TASK_ROWS, Losses.defaults());
      Batch b = rows.batch(window.order().value(), window.from(), window.to());
      StepPartial partial = switch (kind) {
        case LOSSES_TRAIN -> pass.losses(b, window.denominators(), step, true);
        case LOSSES_EVAL -> pass.losses(b, window.denominators(), step, false);
        case COMBINED -> pass.combined(b, window.denominators(), step, scales);
        case TASK_ROWS -> pass.taskRows(b, window.denominators(), step);
      };
      return List.of(new PartitionOrderSum.Leaf(p, partial)).iterator();
    }, true);
    return leaves.treeAggregate(new PartitionOrderSum(partitions), PartitionOrderSum::add, PartitionOrderSum::merge, 2)
        .total();
  }

  /** Labelled rows of each task in {@code order[from, to)}: the batch-mean losses' denominators. */
  private static double[] denominators(boolean[][] labelled, int[] order, int from, int to) {
    double[] out = new double[labelled.length];
    for (int t = 0; t < out.length; t++) {
      int n = 0;
      for (int i = from; i < to; i++) if (labelled[t][order[i]]) n++;
      out[t] = n;
    }
    return out;
  }
}
