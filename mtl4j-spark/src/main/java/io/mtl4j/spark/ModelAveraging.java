package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Batch;
import io.mtl4j.optim.OptimizerState;
import io.mtl4j.task.Losses;
import io.mtl4j.train.NonFiniteLossException;
import io.mtl4j.train.PartitionPass;
import io.mtl4j.train.SyncStep;
import io.mtl4j.train.TrainingConfig;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

/**
 * Local SGD / model averaging (Lin, Stich, Patel &amp; Jaggi, Don't Use Large Mini-Batches, Use Local SGD, ICLR
 * 2020): each round every partition takes k whole steps on its own rows of the next k global batches, then the
 * parameters and the optimizer's state are averaged, summed in partition order ({@link PartitionOrderSum}). One
 * exchange per k steps instead of one or two per step. With one partition it is the single-JVM run.
 *
 * <p>A weighting runs on each partition's local losses and gradients and starts afresh every round: its own
 * learnable weights would be lost between rounds, so such weightings are refused.
 */
final class ModelAveraging {
  /** Rebuilds the run's {@link TrainingConfig} on an executor (the config holds suppliers, not data). */
  interface ConfigSource extends Serializable {
    TrainingConfig config();
  }

  /**
   * A partition's result of a round: its parameters and optimizer state, and its local steps' losses summed over
   * the steps [T]; {@link #plus} adds two.
   */
  record Local(float[] values, OptimizerState state, double[] lossSums) implements Serializable {
    private static final long serialVersionUID = 1L;

    Local plus(Local later) {
      if (state.step() != later.state.step()) {
        throw new IllegalStateException("optimizer steps " + state.step() + " and " + later.state.step() + " differ");
      }
      Map<String, float[]> arrays = new LinkedHashMap<>();
      state.arrays().forEach((name, a) -> arrays.put(name, sum(a, later.state.arrays().get(name))));
      double[] losses = lossSums.clone();
      for (int t = 0; t < losses.length; t++) losses[t] += later.lossSums[t];
      return new Local(sum(values, later.values), new OptimizerState(state.optimizer(), state.step(), arrays), losses);
    }

    /** This sum over {@code n} partitions with parameters and state divided by n: the average (losses stay summed). */
    Local dividedBy(int n) {
      Map<String, float[]> arrays = new LinkedHashMap<>();
      state.arrays().forEach((name, a) -> arrays.put(name, divided(a, n)));
      return new Local(divided(values, n), new OptimizerState(state.optimizer(), state.step(), arrays), lossSums);
    }

    private static float[] sum(float[] a, float[] b) {
      float[] out = a.clone();
      for (int i = 0; i < out.length; i++) out[i] += b[i];
      return out;
    }

    private static float[] divided(float[] a, int n) {
      float[] out = a.clone();
      for (int i = 0; i < out.length; i++) out[i] /= n;
      return out;
    }
  }

  /** Round {@code firstStep …}: k global batches of {@code batch} rows from {@code order[first]}. */
  private record Round(Broadcast<int[]> order, int epoch, long firstStep, int first, int batch, int steps, int rows)
      implements Serializable {}

  private final JavaSparkContext spark;
  private final PartitionedData data;
  private final Broadcast<Map<String, Object>> spec;
  private final ConfigSource source;
  private final SyncTraining.TaskHook hook;
  /** Keys this run's models kept by the executors ({@link ExecutorModels}). */
  private final String run = UUID.randomUUID().toString();

  private ModelAveraging(PartitionedData data, ModelSpec spec, ConfigSource source, SyncTraining.TaskHook hook) {
    this.spark = JavaSparkContext.fromSparkContext(data.rdd().context());
    this.data = data;
    this.spec = spark.broadcast(ModelSpecMaps.toMap(spec));
    this.source = source;
    this.hook = hook;
  }

  /**
   * Trains a model of {@code spec} (initialised from the config's seed) with {@code localSteps} local steps per
   * partition and round.
   *
   * @throws IllegalArgumentException for bad data or settings, naming them
   */
  static MultiTaskModel fit(JavaRDD<Row> rows, RowReader reader, ModelSpec spec, ConfigSource source,
                            int localSteps, SyncTraining.TaskHook hook) {
    MultiTaskModel model = MultiTaskModel.create(spec, source.config().seed());
    train(model, rows, reader, source, localSteps, hook, (epoch, loss) -> false);
    return model;
  }

  /**
   * Trains {@code model} in place from its current parameters; otherwise as {@link #fit}. {@code end} gets each
   * epoch's mean local training losses (each partition's batch-mean losses on its own rows, averaged over the
   * epoch's steps and the partitions).
   */
  static void train(MultiTaskModel model, JavaRDD<Row> rows, RowReader reader, ConfigSource source, int localSteps,
                    SyncTraining.TaskHook hook, SyncTraining.EpochEnd end) {
    if (localSteps < 1) throw new IllegalArgumentException("localSteps = " + localSteps + ", expected ≥ 1");
    TrainingConfig config = source.config();
    SyncStep first = new SyncStep(model, config); // refuses unsupported settings before any job runs
    refuseLearnable(model, config, "which model averaging would reset every round; use synchronous training "
        + "(strategy sync)");
    try (PartitionedData data = PartitionedData.read(rows, reader, model.spec())) {
      new ModelAveraging(data, model.spec(), source, hook).run(model, first.optimizerState(), config, localSteps, end);
    }
  }

  /** Refuses a weighting with learnable weights: their values and optimizer live on one JVM only ({@code why}). */
  static void refuseLearnable(MultiTaskModel model, TrainingConfig config, String why) {
    if (config.newWeighting().learnable(model.tasks().size()).size() > 0) {
      throw new IllegalArgumentException("training.weighting '" + config.weighting().name() + "' learns its own "
          + "weights, " + why);
    }
  }

  private void run(MultiTaskModel model, OptimizerState state, TrainingConfig config, int localSteps,
                   SyncTraining.EpochEnd end) {
    int rows = data.rows();
    int batch = SyncStep.batchRows(config.batchSize(), rows);
    int steps = (rows + batch - 1) / batch;
    long step = 0;
    for (int epoch = 0; epoch < config.epochs(); epoch++) {
      Broadcast<int[]> order = spark.broadcast(SyncStep.epochOrder(config.seed(), epoch, rows));
      double[] losses = new double[model.tasks().size()];
      for (int s = 0; s < steps; s += localSteps) {
        int k = Math.min(localSteps, steps - s);
        Local average = round(model.parameters().values(), state, new Round(order, epoch, step, s * batch, batch, k,
            rows));
        System.arraycopy(average.values(), 0, model.parameters().values(), 0, average.values().length);
        state = average.state();
        for (int t = 0; t < losses.length; t++) losses[t] += average.lossSums()[t];
        step += k;
      }
      order.destroy();
      for (int t = 0; t < losses.length; t++) losses[t] /= (double) steps * data.partitions();
      if (end.stop(epoch, losses)) return;
    }
  }

  /** Every partition's k local steps from the current parameters, then the average in partition order. */
  private Local round(float[] values, OptimizerState state, Round round) {
    Broadcast<float[]> params = spark.broadcast(values.clone());
    Broadcast<OptimizerState> optimizer = spark.broadcast(state);
    Broadcast<Map<String, Object>> spec = this.spec;
    ConfigSource source = this.source;
    SyncTraining.TaskHook hook = this.hook;
    String run = this.run;
    try {
      JavaRDD<PartitionOrderSum.Leaf<Local>> leaves = data.rdd().mapPartitionsWithIndex((p, it) -> {
        hook.beforePass(p, round.firstStep());
        MultiTaskModel model = ExecutorModels.take(run, p, spec::value, params.value());
        Local local = localSteps(it.next(), p, round, source.config(), model, optimizer.value());
        ExecutorModels.give(run, p, model);
        return List.of(new PartitionOrderSum.Leaf<>(p, local)).iterator();
      }, true);
      return leaves.treeAggregate(new PartitionOrderSum<>(data.partitions(), Local::plus), PartitionOrderSum::add,
          PartitionOrderSum::merge, 2).total().dividedBy(data.partitions());
    } finally {
      params.destroy();
      optimizer.destroy();
    }
  }

  /** On a partition: the round's k steps on its rows of each global batch, each a whole step of its own. */
  private static Local localSteps(PartitionRows rows, int partition, Round round, TrainingConfig config,
                                  MultiTaskModel model, OptimizerState state) {
    SyncStep sync = new SyncStep(model, config);
    sync.restoreOptimizer(state);
    int[] order = round.order().value();
    for (int i = 0; i < round.steps(); i++) {
      long step = round.firstStep() + i;
      int from = round.first() + i * round.batch(), to = Math.min(round.rows(), from + round.batch());
      Batch batch = rows.batch(order, from, to);
      double[] denominators = rows.denominators(order, from, to);
      PartitionPass pass = new PartitionPass(model, config.seed(), partition, true, !sync.lossesFirst(),
          Losses.defaults());
      try {
        StepPasses.step(sync, round.epoch(), step, (kind, scales) -> kind.run(pass, batch, denominators, step,
            scales));
      } catch (NonFiniteLossException e) {
        throw e.inBatch(round.epoch(), round.first() / round.batch() + i, (round.rows() + round.batch() - 1)
            / round.batch());
      }
    }
    double[] means = sync.endEpoch(), sums = new double[means.length];
    for (int t = 0; t < sums.length; t++) sums[t] = means[t] * round.steps();
    return new Local(model.parameters().values().clone(), sync.optimizerState(), sums);
  }
}
