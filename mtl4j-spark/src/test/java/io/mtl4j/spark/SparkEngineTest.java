package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.EngineOptions;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingEngine;
import io.mtl4j.train.TrainingResult;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkEngineTest {
  /** As in SyncTrainingTest: two partitions' float sums differ from one JVM's in the last bits per step. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  @Test
  void isFoundByItsName() {
    assertThat(TrainingEngine.named("SPARK")).isInstanceOf(SparkEngine.class);
  }

  @Test
  void trainsTheDriversDatasetAsTheSingleJvmTrainerDoes() {
    List<Row> rows = SparkFixtures.rows(200, 3);
    Dataset train = SparkFixtures.dataset(rows), valid = SparkFixtures.dataset(SparkFixtures.rows(60, 4));
    MultiTaskEstimator params = SparkFixtures.estimator("pcgrad");
    TrainingConfig config = params.trainingConfig();
    MultiTaskModel spark = MultiTaskModel.create(params.modelSpec(4), config.seed());
    TrainingResult result = TrainingEngine.named("spark").fit(spark, train, valid, config, EngineOptions.sync(null));
    MultiTaskModel jvm = MultiTaskModel.create(params.modelSpec(4), config.seed());
    TrainingResult expected = new Trainer(config).fit(jvm, train, valid);
    float[] a = spark.parameters().values(), b = jvm.parameters().values();
    for (int i = 0; i < a.length; i++) assertThat((double) a[i]).isCloseTo(b[i], Offset.offset(FLOAT_TOLERANCE));
    assertThat(a).as("trained: the parameters moved").isNotEqualTo(MultiTaskModel.create(params.modelSpec(4),
        config.seed()).parameters().values());
    assertThat(result.epochs()).hasSize(expected.epochs().size());
    assertThat(result.bestEpoch()).isEqualTo(expected.bestEpoch());
    assertThat(result.best().validation().meanPrimaryScore())
        .isCloseTo(expected.best().validation().meanPrimaryScore(), Offset.offset(1e-4));
  }

  /** The engine's averaging is the estimator's {@link ModelAveraging} (tested there) on the driver's rows. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void averagingStrategyTrainsByModelAveragingAndRecordsEachEpochsLocalLosses(int localSteps) {
    Dataset train = SparkFixtures.dataset(SparkFixtures.rows(400, 3));
    MultiTaskEstimator params = SparkFixtures.estimator("ew").setEpochs(4);
    TrainingConfig config = params.trainingConfig();
    MultiTaskModel engine = MultiTaskModel.create(params.modelSpec(4), config.seed());
    TrainingResult result = new SparkEngine().fit(engine, train, null, config,
        new EngineOptions(null, EngineOptions.Strategy.AVERAGING, localSteps));
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(SPARK.session().sparkContext());
    MultiTaskModel direct = ModelAveraging.fit(DatasetChunks.rdd(spark, train, spark.defaultParallelism()),
        new RowReader(DatasetChunks.FEATURES, List.of(), List.of(DatasetChunks.labelColumn(0),
            DatasetChunks.labelColumn(1))), params.modelSpec(4), ConfigRecipe.of(config), localSteps,
        SyncTraining.NO_HOOK);
    assertThat(engine.parameters().values()).containsExactly(direct.parameters().values());
    MultiTaskModel sync = MultiTaskModel.create(params.modelSpec(4), config.seed());
    new SparkEngine().fit(sync, train, null, config, EngineOptions.sync(null));
    assertThat(engine.parameters().values()).as("averaged, not synchronous").isNotEqualTo(sync.parameters().values());
    assertThat(result.epochs()).hasSize(4);
    double[] first = result.epochs().get(0).trainLoss(), last = result.epochs().get(3).trainLoss();
    for (int t = 0; t < 2; t++) assertThat(last[t]).as("task %d's local loss fell", t).isLessThan(first[t]);
  }

  @Test
  void refusesATaskWithSeveralLabelsPerRow() {
    Dataset data = Dataset.builder(Tensor.of(new float[8], 2, 4))
        .task("tags", Tensor.of(new float[6], 2, 3)).build();
    MultiTaskModel model = MultiTaskModel.create(SparkFixtures.estimator("ew").modelSpec(4), 1);
    assertThatThrownBy(() -> new SparkEngine().fit(model, data, null, TrainingConfig.defaults(),
            EngineOptions.sync(null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("task 'tags' has 3 labels per row");
  }
}
