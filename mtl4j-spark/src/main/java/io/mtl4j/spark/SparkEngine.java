package io.mtl4j.spark;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.BestEpoch;
import io.mtl4j.train.EngineOptions;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.SyncStep;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingEngine;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark} {@link TrainingEngine} ({@code ./mtl4j train --engine spark}): synchronous data-parallel training
 * ({@link SyncTraining}; {@link BarrierTraining} with {@code --strategy barrier}) or model averaging
 * ({@link ModelAveraging}, {@code --strategy averaging}) of the dataset the driver read, one partition per
 * default-parallelism slot, on {@code local[*]} unless a master is given (by {@code --master} or by spark-submit:
 * {@link #session}). Validation and early stopping run on the driver after each epoch, as the single-JVM trainer does
 * them; the best epoch's weights are kept.
 */
public final class SparkEngine implements TrainingEngine {
  /** System property: jars the executors need besides Spark (mtl4j-spark-all.jar on a cluster). */
  public static final String JARS = "mtl4j.spark.jars";

  @Override
  public String name() {
    return "spark";
  }

  @Override
  public TrainingResult fit(MultiTaskModel model, Dataset train, Dataset valid, TrainingConfig config,
                            EngineOptions options) {
    // Refused before a session starts: the executors must be able to rebuild the weighting and optimizer.
    ConfigRecipe recipe = options.strategy() == EngineOptions.Strategy.SYNC ? null : ConfigRecipe.of(config);
    boolean owned = SparkSession.getActiveSession().isEmpty();
    SparkSession session = session(options.master());
    try {
      return SparkErrors.unwrapping(() -> train(session, model, train, valid, config, recipe, options));
    } finally {
      if (owned) session.stop();
    }
  }

  /**
   * A session on {@code master}; null means the master spark-submit gave (its {@code spark.master} property), else
   * {@code local[*]}. A local one keeps every service on loopback.
   */
  static SparkSession session(String master) {
    String given = master != null ? master : System.getProperty("spark.master", "local[*]");
    SparkSession.Builder b = SparkSession.builder().master(given).appName("mtl4j train")
        .config("spark.ui.enabled", "false");
    if (given.startsWith("local")) {
      b = b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
    }
    String jars = System.getProperty(JARS);
    if (jars != null && !jars.isBlank()) b = b.config("spark.jars", jars);
    SparkSession session = b.getOrCreate();
    session.sparkContext().setLogLevel("WARN"); // the CLI prints its own progress; Spark's INFO lines drown it
    return session;
  }

  /** Synchronous steps (by treeAggregate or in barrier stages) or model averaging, as {@code options} say. */
  private static TrainingResult train(SparkSession session, MultiTaskModel model, Dataset train, Dataset valid,
                                      TrainingConfig config, ConfigRecipe recipe, EngineOptions options) {
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
    int tasks = train.tasks().size();
    List<String> labels = IntStream.range(0, tasks).mapToObj(DatasetChunks::labelColumn).toList();
    RowReader reader = new RowReader(DatasetChunks.FEATURES, List.of(), labels);
    Epochs epochs = new Epochs(model, valid, config);
    long start = System.nanoTime();
    JavaRDD<Row> rows = DatasetChunks.rdd(spark, train, spark.defaultParallelism());
    switch (options.strategy()) {
      case SYNC -> SyncTraining.train(model, rows, reader, config, SyncTraining.NO_HOOK, epochs::stop);
      case BARRIER -> BarrierTraining.train(model, rows, reader, recipe, SyncTraining.NO_HOOK, epochs::stop, 0);
      case AVERAGING -> ModelAveraging.train(model, rows, reader, recipe, options.localSteps(), SyncTraining.NO_HOOK,
          epochs::stop);
    }
    int batch = SyncStep.batchRows(config.batchSize(), train.rows());
    long steps = (long) epochs.records.size() * ((train.rows() + batch - 1) / batch);
    return epochs.result(steps, (System.nanoTime() - start) / 1e9);
  }

  /** The epoch records, the best epoch by validation score, and patience, as the single-JVM trainer keeps them. */
  private static final class Epochs {
    private final MultiTaskModel model;
    private final Dataset valid;
    private final TrainingConfig config;
    private final List<EpochRecord> records = new ArrayList<>();
    private final BestEpoch best = new BestEpoch();
    private long epochStart = System.nanoTime();

    Epochs(MultiTaskModel model, Dataset valid, TrainingConfig config) {
      this.model = model;
      this.valid = valid;
      this.config = config;
    }

    boolean stop(int epoch, double[] trainLoss) {
      long validationStart = System.nanoTime();
      Evaluation validation = valid == null ? null : ModelEvaluator.evaluate(model, valid, config.metrics());
      double validationSeconds = valid == null ? 0 : (System.nanoTime() - validationStart) / 1e9;
      double score = validation == null ? EpochRecord.trainingScore(model.tasks(), trainLoss)
          : validation.meanPrimaryScore();
      boolean isBest = best.offer(epoch, validation != null, score, model.parameters().values());
      double[] weights = new double[trainLoss.length];
      Arrays.fill(weights, Double.NaN); // the weights a step applied are not collected from a cluster
      long now = System.nanoTime();
      records.add(new EpochRecord(epoch, trainLoss, weights, validation, score, isBest, (now - epochStart) / 1e9,
          validationSeconds));
      epochStart = now;
      return best.patienceSpent(config.patience());
    }

    TrainingResult result(long steps, double seconds) {
      return new TrainingResult(records, best.restore(model.parameters().values(), records.size()), steps, seconds);
    }
  }
}
