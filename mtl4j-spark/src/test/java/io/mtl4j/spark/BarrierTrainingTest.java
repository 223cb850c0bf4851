package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.train.EngineOptions;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Barrier-mode synchronous training ({@code local[2,3]}): the tasks' allreduce adds the partials in the partition
 * order {@code treeAggregate} uses and applies the same step, so barrier training equals the synchronous steps bit
 * for bit and one JVM to float tolerance; a failed task restarts its stage with no bit changed. Batches of 64 rows
 * keep the steps few: Spark's allGather polls for its reply once a second, so each exchange takes up to a second.
 */
class BarrierTrainingTest {
  /** As in SyncTrainingTest: two partitions' float sums differ from one JVM's in the last bits per step. */
  private static final double FLOAT_TOLERANCE = 1e-5;

  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  private static MultiTaskEstimator estimator(String weighting) {
    return SparkFixtures.estimator(weighting).setBatchSize(64);
  }

  private static float[] fit(MultiTaskEstimator estimator, List<Row> rows) {
    return estimator.fit(SparkFixtures.frame(SPARK.session(), rows)).model().parameters().values();
  }

  private static float[] barrier(MultiTaskEstimator estimator, List<Row> rows, SyncTraining.TaskHook hook,
                                 int chunkChars) {
    TrainingConfig config = estimator.trainingConfig();
    return BarrierTraining.fit(SparkFixtures.frame(SPARK.session(), rows).javaRDD(), estimator.reader(),
        estimator.modelSpec(4), ConfigRecipe.of(config), hook, chunkChars).parameters().values();
  }

  @ParameterizedTest(name = "{0} seed {1}")
  @CsvSource({"ew, 7", "ew, 8", "ew, 9", "pcgrad, 7", "pcgrad, 8", "pcgrad, 9"})
  void equalsTreeAggregateStepsBitForBitAndOneJvmToFloatTolerance(String weighting, long seed) {
    List<Row> rows = SparkFixtures.rows(200, seed);
    float[] barrier = fit(estimator(weighting).setSeed(seed).setStrategy("barrier"), rows);
    float[] sync = fit(estimator(weighting).setSeed(seed), rows);
    assertThat(barrier).containsExactly(sync);
    List<Row> ordered = SparkFixtures.frame(SPARK.session(), rows).collectAsList();
    MultiTaskEstimator estimator = estimator(weighting).setSeed(seed);
    MultiTaskModel jvm = MultiTaskModel.create(estimator.modelSpec(4), seed);
    new Trainer(estimator.trainingConfig()).fit(jvm, SparkFixtures.dataset(ordered), null);
    SparkFixtures.assertTrainedAsOneJvm(barrier, jvm.parameters().values(),
        MultiTaskModel.create(estimator.modelSpec(4), seed).parameters().values(), FLOAT_TOLERANCE);
  }

  @Test
  void partialsCutIntoChunksAddUpToTheSameModel() {
    List<Row> rows = SparkFixtures.rows(200, 3);
    MultiTaskEstimator estimator = estimator("pcgrad").setEpochs(1);
    float[] chunked = barrier(estimator, rows, SyncTraining.NO_HOOK, 1024);
    assertThat(chunked).containsExactly(fit(estimator, rows));
  }

  /** DWA reads the mean losses of the two epochs before: they travel from stage to stage with the optimizer. */
  @Test
  void theLossHistoryAndOptimizerStateCarryFromEpochToEpoch() {
    List<Row> rows = SparkFixtures.rows(200, 3);
    MultiTaskEstimator estimator = estimator("dwa").setEpochs(4).setOptimizer("adam").setLearningRate(0.01);
    assertThat(barrier(estimator, rows, SyncTraining.NO_HOOK, 0)).containsExactly(fit(estimator, rows));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ew", "pcgrad"})
  void aTaskFailingOnceRestartsTheStageAndGivesTheSameModel(String weighting, @TempDir Path dir) {
    List<Row> rows = SparkFixtures.rows(200, 3);
    MultiTaskEstimator estimator = estimator(weighting);
    float[] undisturbed = barrier(estimator, rows, SyncTraining.NO_HOOK, 0);
    String marker = dir.resolve("failed-once").toString(); // a Path does not serialize into the task
    SyncTraining.TaskHook failOnce = (partition, step) -> {
      if (partition == 1 && step == 6) { // epoch 2's third step: the stage restarts from epoch 2's start
        try {
          Files.createFile(Path.of(marker));
        } catch (FileAlreadyExistsException retried) {
          return;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("injected failure of partition 1 in step 6");
      }
    };
    float[] retried = barrier(estimator, rows, failOnce, 0);
    assertThat(Path.of(marker)).as("the injected failure happened").exists();
    assertThat(retried).containsExactly(undisturbed);
  }

  @Test
  void theEngineRecordsEveryEpochAsTheSynchronousStepsDo() {
    Dataset train = SparkFixtures.dataset(SparkFixtures.rows(200, 3));
    Dataset valid = SparkFixtures.dataset(SparkFixtures.rows(60, 4));
    MultiTaskEstimator params = estimator("pcgrad").setEpochs(3);
    TrainingConfig config = params.trainingConfig();
    MultiTaskModel barrier = MultiTaskModel.create(params.modelSpec(4), config.seed());
    TrainingResult b = new SparkEngine().fit(barrier, train, valid, config,
        new EngineOptions(null, EngineOptions.Strategy.BARRIER, 1));
    MultiTaskModel sync = MultiTaskModel.create(params.modelSpec(4), config.seed());
    TrainingResult s = new SparkEngine().fit(sync, train, valid, config, EngineOptions.sync(null));
    assertThat(barrier.parameters().values()).containsExactly(sync.parameters().values());
    assertThat(b.epochs()).hasSize(3);
    for (int e = 0; e < 3; e++) {
      assertThat(b.epochs().get(e).trainLoss()).containsExactly(s.epochs().get(e).trainLoss());
    }
    assertThat(b.bestEpoch()).isEqualTo(s.bestEpoch());
  }

  @Test
  void aWeightingThatLearnsItsOwnWeightsIsRefusedByName() {
    List<Row> rows = SparkFixtures.rows(50, 3);
    assertThatThrownBy(() -> fit(estimator("uw").setStrategy("barrier"), rows))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training.weighting 'uw' learns its own weights")
        .hasMessageContaining("--strategy sync");
  }

  @Test
  void anUnknownStrategyIsRefusedByTheEstimatorNamingTheParam() {
    assertThatThrownBy(() -> SparkFixtures.estimator("ew").setStrategy("allreduce"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategy");
  }
}
