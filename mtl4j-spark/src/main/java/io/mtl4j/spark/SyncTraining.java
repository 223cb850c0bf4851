package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.task.Losses;
import io.mtl4j.train.NonFiniteLossException;
import io.mtl4j.train.PartitionPass;
import io.mtl4j.train.StepPartial;
import io.mtl4j.train.SyncStep;
import io.mtl4j.train.TrainingConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

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

  private final JavaSparkContext spark;
  private final PartitionedData data;
  private final Broadcast<Map<String, Object>> spec;
  private final long seed;
  private final TaskHook hook;
  /** Keys this run's models kept by the executors ({@link ExecutorModels}). */
  private final String run = UUID.randomUUID().toString();

  private SyncTraining(PartitionedData data, ModelSpec spec, long seed, TaskHook hook) {
    this.spark = JavaSparkContext.fromSparkContext(data.rdd().context());
    this.data = data;
    this.spec = spark.broadcast(ModelSpecMaps.toMap(spec));
    this.seed = seed;
    this.hook = hook;
  }

  /** Called on the driver after each epoch with its mean training losses [T]; returns true to stop training. */
  interface EpochEnd {
    boolean stop(int epoch, double[] trainLoss);
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
    train(model, rows, reader, config, hook, (epoch, loss) -> false);
    return model;
  }

  /** Trains {@code model} in place from its current parameters; otherwise as {@link #fit}. */
  static void train(MultiTaskModel model, JavaRDD<Row> rows, RowReader reader, TrainingConfig config, TaskHook hook,
                    EpochEnd end) {
    SyncStep sync = new SyncStep(model, config); // refuses unsupported settings before any job runs
    try (PartitionedData data = PartitionedData.read(rows, reader, model.spec())) {
      new SyncTraining(data, model.spec(), config.seed(), hook).run(model, sync, config, end);
    }
  }

  private void run(MultiTaskModel model, SyncStep sync, TrainingConfig config, EpochEnd end) {
    int rows = data.rows();
    int batch = SyncStep.batchRows(config.batchSize(), rows);
    int steps = (rows + batch - 1) / batch;
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      Broadcast<int[]> order = spark.broadcast(SyncStep.epochOrder(config.seed(), epoch, rows));
      for (int s = 0; s < steps; s++, step++) {
        int from = s * batch, to = Math.min(rows, from + batch);
        Window window = new Window(order, from, to, data.denominators(order.value(), from, to));
        try {
          step(model, sync, epoch, step, window);
        } catch (NonFiniteLossException e) {
          throw e.inBatch(epoch, s, steps);
        }
      }
      order.destroy();
      if (end.stop(epoch, sync.endEpoch())) return;
    }
  }

  /** One step's rows: {@code order[from, to)}, and each task's labelled rows among them. */
  private record Window(Broadcast<int[]> order, int from, int to, double[] denominators) implements Serializable {}

  /** The step's passes read the parameters broadcast before it; an evaluation pass after the update, the new ones. */
  private void step(MultiTaskModel model, SyncStep sync, int epoch, long step, Window window) {
    List<Broadcast<float[]>> broadcasts = new ArrayList<>();
    try {
      StepPasses.step(sync, epoch, step, (kind, scales) -> {
        if (broadcasts.isEmpty() || kind == StepPasses.Kind.LOSSES_EVAL) {
          broadcasts.add(spark.broadcast(model.parameters().values().clone()));
        }
        return pass(kind, broadcasts.get(broadcasts.size() - 1), window, step, scales);
      });
    } finally {
      broadcasts.forEach(Broadcast::destroy);
    }
  }

  /** Runs one pass on every partition and sums the partials in partition order. */
  private StepPartial pass(StepPasses.Kind kind, Broadcast<float[]> params, Window window, long step,
                           double[] scales) {
    Broadcast<Map<String, Object>> spec = this.spec;
    long seed = this.seed;
    TaskHook hook = this.hook;
    String run = this.run;
    JavaRDD<PartitionOrderSum.Leaf<StepPartial>> leaves = data.rdd().mapPartitionsWithIndex((p, it) -> {
      hook.beforePass(p, step);
      PartitionRows rows = it.next();
      MultiTaskModel m = ExecutorModels.take(run, p, spec::value, params.value());
      PartitionPass pass = new PartitionPass(m, seed, p, kind == StepPasses.Kind.TASK_ROWS, Losses.defaults());
      Batch b = rows.batch(window.order().value(), window.from(), window.to());
      StepPartial partial = kind.run(pass, b, window.denominators(), step, scales);
      ExecutorModels.give(run, p, m);
      return List.of(new PartitionOrderSum.Leaf<>(p, partial)).iterator();
    }, true);
    return leaves.treeAggregate(new PartitionOrderSum<>(data.partitions(), StepPartial::plus),
        PartitionOrderSum::add, PartitionOrderSum::merge, 2).total();
  }
}
