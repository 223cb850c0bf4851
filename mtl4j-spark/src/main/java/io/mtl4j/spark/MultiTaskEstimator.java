package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.task.Task;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML estimator of an mtl4j multi-task network: one label column per task, a features vector column (or numeric
 * feature columns), trained by exact synchronous data-parallel steps ({@link SyncTraining}) into a
 * {@link MultiTaskSparkModel}. Params mirror core's {@code training.*} settings; defaults are core's, except epochs.
 */
public final class MultiTaskEstimator extends Estimator<MultiTaskSparkModel> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final String uid;
  private final Param<String> featuresCol;
  private final StringArrayParam featureCols;
  private final StringArrayParam labelCols;
  private final StringArrayParam taskTypes;
  private final Param<String> predictionPrefix;
  private final Param<String> architecture;
  private final Param<String> architectureOptions;
  private final Param<String> weighting;
  private final Param<String> weightingOptions;
  private final Param<String> optimizer;
  private final DoubleParam learningRate;
  private final DoubleParam gradClipNorm;
  private final IntParam epochs;
  private final IntParam batchSize;
  private final LongParam seed;
  private final Param<String> strategy;
  private final IntParam localSteps;
  private transient SyncTraining.TaskHook hook = SyncTraining.NO_HOOK;

  public MultiTaskEstimator() {
    this(Identifiable.randomUID("mtl4j"));
  }

  public MultiTaskEstimator(String uid) {
    this.uid = uid;
    featuresCol = MultiTaskParams.featuresCol(this);
    featureCols = MultiTaskParams.featureCols(this);
    labelCols = MultiTaskParams.labelCols(this);
    taskTypes = MultiTaskParams.taskTypes(this);
    predictionPrefix = MultiTaskParams.predictionPrefix(this);
    architecture = MultiTaskParams.name(this, "architecture", "architecture registry name (mmoe, shared-bottom, …)");
    architectureOptions = MultiTaskParams.name(this, "architectureOptions", "its options as a JSON object");
    weighting = MultiTaskParams.name(this, "weighting", "weighting registry name (ew, pcgrad, mgda, …)");
    weightingOptions = MultiTaskParams.name(this, "weightingOptions", "its options as a JSON object");
    optimizer = MultiTaskParams.name(this, "optimizer", "optimizer registry name (sgd, adam, adamw)");
    learningRate = MultiTaskParams.learningRate(this);
    gradClipNorm = MultiTaskParams.gradClipNorm(this);
    epochs = MultiTaskParams.positive(this, "epochs", "passes over the data");
    batchSize = MultiTaskParams.positive(this, "batchSize", "rows per step over all partitions (the global batch)");
    seed = MultiTaskParams.seed(this);
    strategy = MultiTaskParams.strategy(this);
    localSteps = MultiTaskParams.positive(this, "localSteps", "model averaging: steps each partition takes between "
        + "two averages (k)");
    setDefault(featuresCol, "features");
    setDefault(featureCols, new String[0]);
    setDefault(predictionPrefix, "prediction_");
    setDefault(architecture, "mmoe");
    setDefault(architectureOptions, "{}");
    setDefault(weighting, "ew");
    setDefault(weightingOptions, "{}");
    setDefault(optimizer, "adam");
    setDefault(learningRate, 1e-3);
    setDefault(gradClipNorm, 0.0);
    setDefault(epochs, 10);
    setDefault(batchSize, 256);
    setDefault(seed, 1L);
    setDefault(strategy, "sync");
    setDefault(localSteps, 8);
  }

  @Override
  public String uid() {
    return uid;
  }

  // Spark finds Params through public no-argument methods returning them (Params.params).
  public Param<String> featuresCol() { return featuresCol; }
  public StringArrayParam featureCols() { return featureCols; }
  public StringArrayParam labelCols() { return labelCols; }
  public StringArrayParam taskTypes() { return taskTypes; }
  public Param<String> predictionPrefix() { return predictionPrefix; }
  public Param<String> architecture() { return architecture; }
  public Param<String> architectureOptions() { return architectureOptions; }
  public Param<String> weighting() { return weighting; }
  public Param<String> weightingOptions() { return weightingOptions; }
  public Param<String> optimizer() { return optimizer; }
  public DoubleParam learningRate() { return learningRate; }
  public DoubleParam gradClipNorm() { return gradClipNorm; }
  public IntParam epochs() { return epochs; }
  public IntParam batchSize() { return batchSize; }
  public LongParam seed() { return seed; }
  public Param<String> strategy() { return strategy; }
  public IntParam localSteps() { return localSteps; }

  public MultiTaskEstimator setFeaturesCol(String v) { set(featuresCol, v); return this; }
  public MultiTaskEstimator setFeatureCols(String... v) { set(featureCols, v); return this; }
  public MultiTaskEstimator setLabelCols(String... v) { set(labelCols, v); return this; }
  public MultiTaskEstimator setTaskTypes(String... v) { set(taskTypes, v); return this; }
  public MultiTaskEstimator setPredictionPrefix(String v) { set(predictionPrefix, v); return this; }
  public MultiTaskEstimator setArchitecture(String v) { set(architecture, v); return this; }
  public MultiTaskEstimator setArchitectureOptions(String json) { set(architectureOptions, json); return this; }
  public MultiTaskEstimator setWeighting(String v) { set(weighting, v); return this; }
  public MultiTaskEstimator setWeightingOptions(String json) { set(weightingOptions, json); return this; }
  public MultiTaskEstimator setOptimizer(String v) { set(optimizer, v); return this; }
  public MultiTaskEstimator setLearningRate(double v) { set(learningRate, v); return this; }
  public MultiTaskEstimator setGradClipNorm(double v) { set(gradClipNorm, v); return this; }
  public MultiTaskEstimator setEpochs(int v) { set(epochs, v); return this; }
  public MultiTaskEstimator setBatchSize(int v) { set(batchSize, v); return this; }
  public MultiTaskEstimator setSeed(long v) { set(seed, v); return this; }
  public MultiTaskEstimator setStrategy(String v) { set(strategy, v); return this; }
  public MultiTaskEstimator setLocalSteps(int v) { set(localSteps, v); return this; }

  /** For tests: runs {@code hook} at the start of every partition's pass (fault injection). */
  MultiTaskEstimator withTaskHook(SyncTraining.TaskHook hook) {
    this.hook = hook;
    return this;
  }

  /** The core settings these Params stand for (validated there). */
  public TrainingConfig trainingConfig() {
    return configSource().config();
  }

  /** The core settings as a recipe an executor can rebuild them from (model averaging's local steps). */
  private ModelAveraging.ConfigSource configSource() {
    int e = (Integer) getOrDefault(epochs), b = (Integer) getOrDefault(batchSize);
    long s = (Long) getOrDefault(seed);
    String o = getOrDefault(optimizer), w = getOrDefault(weighting), wo = getOrDefault(weightingOptions);
    double lr = (Double) getOrDefault(learningRate), clip = (Double) getOrDefault(gradClipNorm);
    return () -> MultiTaskParams.config(e, b, s, o, lr, clip, w, wo);
  }

  /** The model these Params describe for {@code inputs} features. */
  public ModelSpec modelSpec(int inputs) {
    return MultiTaskParams.spec(inputs, tasks(), getOrDefault(architecture), getOrDefault(architectureOptions));
  }

  private List<Task> tasks() {
    if (!isDefined(labelCols)) throw new IllegalArgumentException("labelCols: not set; give one label column per task");
    if (!isDefined(taskTypes)) throw new IllegalArgumentException("taskTypes: not set; give one type per label column");
    return MultiTaskParams.tasks(getOrDefault(labelCols), getOrDefault(taskTypes));
  }

  RowReader reader() {
    return new RowReader(getOrDefault(featuresCol), List.of(getOrDefault(featureCols)),
        isDefined(labelCols) ? List.of(getOrDefault(labelCols)) : List.of());
  }

  @Override
  public MultiTaskSparkModel fit(Dataset<?> dataset) {
    StructType schema = dataset.schema();
    RowReader reader = reader();
    reader.checkFeatures(schema);
    List<Task> tasks = tasks();
    Trainer.requireTasks(tasks, reader.presentLabels(schema), "training");
    List<Row> first = dataset.toDF().takeAsList(1);
    if (first.isEmpty()) throw new IllegalArgumentException("training data has no rows");
    ModelSpec spec = modelSpec(reader.width(first.get(0)));
    ModelAveraging.ConfigSource config = configSource();
    config.config(); // validated here, before any job runs
    int k = (Integer) getOrDefault(localSteps);
    MultiTaskModel model = SparkErrors.unwrapping(() -> switch (getOrDefault(strategy)) {
      case "averaging" -> ModelAveraging.fit(dataset.toDF().javaRDD(), reader, spec, config, k, hook);
      case "barrier" -> BarrierTraining.fit(dataset.toDF().javaRDD(), reader, spec, config, hook, 0);
      default -> SyncTraining.fit(dataset.toDF().javaRDD(), reader, spec, config.config(), hook);
    });
    MultiTaskSparkModel fitted = new MultiTaskSparkModel(uid, model);
    return copyValues(fitted, new ParamMap()).setParent(this);
  }

  @Override
  public StructType transformSchema(StructType schema) {
    reader().checkFeatures(schema);
    return MultiTaskSparkModel.withPredictions(schema, tasks(), getOrDefault(predictionPrefix));
  }

  @Override
  public MultiTaskEstimator copy(ParamMap extra) {
    return defaultCopy(extra);
  }

  public static MLReader<MultiTaskEstimator> read() {
    return new DefaultParamsReader<>();
  }

  public static MultiTaskEstimator load(String path) {
    return read().load(path);
  }
}
