package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.task.Losses;
import io.mtl4j.train.NonFiniteLossException;
import io.mtl4j.train.PartitionPass;
import io.mtl4j.train.SyncStep;
import io.mtl4j.train.TrainingConfig;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Synchronous training in barrier mode (as XGBoost4J-Spark trains): one barrier stage per epoch whose tasks each
 * hold their partition and a copy of the model, and for every step exchange their partials among themselves
 * ({@link BarrierAllreduce}) instead of sending them to the driver. Each task adds them in partition order and applies
 * the same {@link SyncStep}, so every copy takes the bits the driver takes in {@link SyncTraining}; the driver gets
 * the parameters, optimizer and weighting state at the end of the stage. A failed task restarts the whole stage from
 * the epoch's broadcast starting point, so a retry changes no bit.
 */
final class BarrierTraining {
  /** What a stage's task returns: partition 0 its model and state, every task a checksum of its parameters. */
  record Outcome(int partition, float[] values, SyncStep.Carried carried, double[] epochLosses, int checksum)
      implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** One epoch's stage: its steps' rows and denominators [steps][T] and how large a chunk a task sends. */
  private record Epoch(int epoch, long firstStep, int batch, int steps, int rows, double[][] denominators,
                       int chunkChars) implements Serializable {}

  private final JavaSparkContext spark;
  private final PartitionedData data;
  private final Broadcast<Map<String, Object>> spec;
  private final ModelAveraging.ConfigSource source;
  private final SyncTraining.TaskHook hook;
  private final int chunkChars;
  /** Keys this run's models kept by the executors ({@link ExecutorModels}). */
  private final String run = UUID.randomUUID().toString();
  private long steps;

  private BarrierTraining(PartitionedData data, ModelSpec spec, ModelAveraging.ConfigSource source,
                          SyncTraining.TaskHook hook, int chunkChars) {
    this.spark = JavaSparkContext.fromSparkContext(data.rdd().context());
    this.data = data;
    this.spec = spark.broadcast(ModelSpecMaps.toMap(spec));
    this.source = source;
    this.hook = hook;
    this.chunkChars = chunkChars > 0 ? chunkChars : BarrierAllreduce.chunkChars(
        spark.getConf().getInt("spark.rpc.message.maxSize", 128), data.partitions());
  }

  /** Trains a model of {@code spec} (initialised from the config's seed); chunkChars 0: from the RPC limit. */
  static MultiTaskModel fit(JavaRDD<Row> rows, RowReader reader, ModelSpec spec, ModelAveraging.ConfigSource source,
                            SyncTraining.TaskHook hook, int chunkChars) {
    MultiTaskModel model = MultiTaskModel.create(spec, source.config().seed());
    train(model, rows, reader, source, hook, (epoch, loss) -> false, chunkChars);
    return model;
  }

  /**
   * Trains {@code model} in place; {@code end} gets each epoch's mean training losses, as in {@link SyncTraining}.
   *
   * @throws IllegalArgumentException for bad data or settings, naming them
   */
  static void train(MultiTaskModel model, JavaRDD<Row> rows, RowReader reader, ModelAveraging.ConfigSource source,
                    SyncTraining.TaskHook hook, SyncTraining.EpochEnd end, int chunkChars) {
    TrainingConfig config = source.config();
    SyncStep first = new SyncStep(model, config); // refuses unsupported settings before any job runs
    ModelAveraging.refuseLearnable(model, config, "whose optimizer a barrier stage per epoch does not carry; use "
        + "--strategy sync");
    try (PartitionedData data = PartitionedData.read(rows, reader, model.spec())) {
      new BarrierTraining(data, model.spec(), source, hook, chunkChars).run(model, first.carried(), config, end);
    }
  }

  private void run(MultiTaskModel model, SyncStep.Carried carried, TrainingConfig config, SyncTraining.EpochEnd end) {
    int rows = data.rows();
    int batch = SyncStep.batchRows(config.batchSize(), rows);
    int stepsPerEpoch = (rows + batch - 1) / batch;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      int[] order = SyncStep.epochOrder(config.seed(), epoch, rows);
      double[][] denominators = new double[stepsPerEpoch][];
      for (int s = 0; s < stepsPerEpoch; s++) {
        denominators[s] = data.denominators(order, s * batch, Math.min(rows, (s + 1) * batch));
      }
      Outcome o = stage(model.parameters().values(), carried, new Epoch(epoch, steps, batch, stepsPerEpoch, rows,
          denominators, chunkChars));
      System.arraycopy(o.values(), 0, model.parameters().values(), 0, o.values().length);
      carried = o.carried();
      steps += stepsPerEpoch;
      if (end.stop(epoch, o.epochLosses())) return;
    }
  }

  /** One barrier stage: every partition trains the epoch from the same start; partition 0's result is kept. */
  private Outcome stage(float[] values, SyncStep.Carried carried, Epoch epoch) {
    Broadcast<float[]> params = spark.broadcast(values.clone());
    Broadcast<SyncStep.Carried> state = spark.broadcast(carried);
    try {
      ClassTag<Outcome> tag = ClassTag$.MODULE$.apply(Outcome.class);
      // Through a shuffle: Spark re-runs a failed barrier stage only when it is a map stage (a result stage may
      // have committed output, so its failure aborts the job).
      List<Outcome> outcomes = JavaRDD.fromRDD(data.rdd().rdd().barrier().mapPartitions(
          new Task(spec, params, state, source, hook, run, epoch, data.partitions()), false, tag), tag)
          .repartition(1).collect();
      Outcome first = outcomes.stream().filter(o -> o.partition() == 0).findFirst().orElseThrow();
      for (Outcome o : outcomes) {
        if (o.checksum() != first.checksum()) {
          throw new IllegalStateException("barrier task " + o.partition() + " ended epoch " + epoch.epoch()
              + " with other parameters than task 0: the allreduce is not deterministic");
        }
      }
      return first;
    } finally {
      params.destroy();
      state.destroy();
    }
  }

  /** A barrier task: the epoch's steps on its partition, each step's partials allreduced among all tasks. */
  private static final class Task
      extends AbstractFunction1<scala.collection.Iterator<PartitionRows>, scala.collection.Iterator<Outcome>>
      implements Serializable {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Map<String, Object>> spec;
    private final Broadcast<float[]> params;
    private final Broadcast<SyncStep.Carried> state;
    private final ModelAveraging.ConfigSource source;
    private final SyncTraining.TaskHook hook;
    private final String run;
    private final Epoch epoch;
    private final int partitions;

    Task(Broadcast<Map<String, Object>> spec, Broadcast<float[]> params, Broadcast<SyncStep.Carried> state,
         ModelAveraging.ConfigSource source, SyncTraining.TaskHook hook, String run, Epoch epoch, int partitions) {
      this.spec = spec;
      this.params = params;
      this.state = state;
      this.source = source;
      this.hook = hook;
      this.run = run;
      this.epoch = epoch;
      this.partitions = partitions;
    }

    @Override
    public scala.collection.Iterator<Outcome> apply(scala.collection.Iterator<PartitionRows> it) {
      BarrierTaskContext context = BarrierTaskContext.get();
      int p = context.partitionId();
      PartitionRows rows = it.next();
      TrainingConfig config = source.config();
      MultiTaskModel model = ExecutorModels.take(run, p, spec::value, params.value());
      SyncStep sync = new SyncStep(model, config);
      sync.resume(state.value());
      BarrierAllreduce allreduce = new BarrierAllreduce(context, partitions, epoch.chunkChars());
      int[] order = SyncStep.epochOrder(config.seed(), epoch.epoch(), epoch.rows());
      for (int s = 0; s < epoch.steps(); s++) {
        step(model, sync, allreduce, rows, order, s, config.seed(), p);
      }
      double[] losses = sync.endEpoch();
      float[] values = model.parameters().values().clone();
      ExecutorModels.give(run, p, model);
      Outcome o = p == 0 ? new Outcome(p, values, sync.carried(), losses, Arrays.hashCode(values))
          : new Outcome(p, null, null, null, Arrays.hashCode(values));
      return scala.jdk.javaapi.CollectionConverters.asScala(List.of(o).iterator());
    }

    private void step(MultiTaskModel model, SyncStep sync, BarrierAllreduce allreduce, PartitionRows rows,
                      int[] order, int s, long seed, int p) {
      long step = epoch.firstStep() + s;
      hook.beforePass(p, step);
      int from = s * epoch.batch(), to = Math.min(epoch.rows(), from + epoch.batch());
      Batch batch = rows.batch(order, from, to);
      double[] denominators = epoch.denominators()[s];
      try {
        StepPasses.step(sync, epoch.epoch(), step, (kind, scales) -> {
          PartitionPass pass = new PartitionPass(model, seed, p, kind == StepPasses.Kind.TASK_ROWS,
              Losses.defaults());
          return allreduce.sum(kind.run(pass, batch, denominators, step, scales));
        });
      } catch (NonFiniteLossException e) {
        throw e.inBatch(epoch.epoch(), s, epoch.steps());
      }
    }
  }
}
