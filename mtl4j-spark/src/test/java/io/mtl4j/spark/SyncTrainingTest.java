package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.weighting.EW;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncTrainingTest {
  /**
   * Two partitions sum float gradients that one JVM computes over the whole batch: rounding differs in the last
   * bits per step; over 14 SGD steps parameters of order 1 stay within this.
   */
  private static final double FLOAT_TOLERANCE = 1e-5;

  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  private static float[] spark(MultiTaskEstimator estimator, List<Row> rows) {
    return estimator.fit(SparkFixtures.frame(SPARK.session(), rows)).model().parameters().values();
  }

  /** What one JVM trains from the same Params on the same rows, in the order Spark reads them. */
  private static float[] singleJvm(MultiTaskEstimator estimator, List<Row> rows) {
    List<Row> ordered = SparkFixtures.frame(SPARK.session(), rows).collectAsList();
    TrainingConfig config = estimator.trainingConfig();
    MultiTaskModel model = MultiTaskModel.create(estimator.modelSpec(4), config.seed());
    new Trainer(config).fit(model, SparkFixtures.dataset(ordered), null);
    return model.parameters().values();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ew", "pcgrad", "mgda", "dwa"})
  void equalsSingleJvmTrainingWithTheSameSeedAndGlobalBatch(String weighting) {
    List<Row> rows = SparkFixtures.rows(200, 3);
    MultiTaskEstimator estimator = SparkFixtures.estimator(weighting);
    float[] distributed = spark(estimator, rows), local = singleJvm(estimator, rows);
    float[] initial = MultiTaskModel.create(estimator.modelSpec(4), 7).parameters().values();
    SparkFixtures.assertTrainedAsOneJvm(distributed, local, initial, FLOAT_TOLERANCE);
  }

  @Test
  void differentSeedsGiveDifferentModels() {
    List<Row> rows = SparkFixtures.rows(200, 3);
    assertThat(spark(SparkFixtures.estimator("ew").setSeed(8), rows))
        .isNotEqualTo(singleJvm(SparkFixtures.estimator("ew"), rows));
  }

  /** EW's weights, from a weighting that says it reads the losses: the step then runs a forward-only pass first. */
  private static final class LossReadingEw implements Weighting {
    private final EW ew = new EW();

    @Override
    public Requirements requirements() {
      return ew.requirements();
    }

    @Override
    public StepWeights combine(WeightingContext ctx) {
      return ew.combine(ctx);
    }
  }

  private static float[] spark(MultiTaskEstimator estimator, List<Row> rows, TrainingConfig config,
                               SyncTraining.TaskHook hook) {
    return SyncTraining.fit(SparkFixtures.frame(SPARK.session(), rows).javaRDD(), estimator.reader(),
        estimator.modelSpec(4), config, hook).parameters().values();
  }

  @ParameterizedTest
  @ValueSource(longs = {7, 8, 9})
  void fixedScalesTakeOnePassPerStepAndTrainBitForBitAsTheForwardOnlyPassFirst(long seed) {
    List<Row> rows = SparkFixtures.rows(200, seed);
    MultiTaskEstimator estimator = SparkFixtures.estimator("ew").setSeed(seed);
    TrainingConfig ew = estimator.trainingConfig();
    TrainingConfig reading = ew.toBuilder().weighting("ew-reading-losses", LossReadingEw::new).build();
    LongAccumulator passes = SPARK.session().sparkContext().longAccumulator();
    SyncTraining.TaskHook counting = (partition, step) -> passes.add(1);
    float[] onePass = spark(estimator, rows, ew, counting);
    long onePassTasks = passes.value();
    passes.reset();
    float[] twoPasses = spark(estimator, rows, reading, counting);
    assertThat(onePass).containsExactly(twoPasses);
    assertThat(onePassTasks).isPositive();
    assertThat(passes.value()).isEqualTo(2 * onePassTasks);
  }

  @Test
  void modelsTheExecutorsLoseMidTrainingAreRebuiltAndChangeNoBit() {
    List<Row> rows = SparkFixtures.rows(200, 3);
    float[] undisturbed = spark(SparkFixtures.estimator("ew"), rows);
    SyncTraining.TaskHook lose = (partition, step) -> {
      if (step == 5) ExecutorModels.clear(); // as a lost executor's replacement starts with none
    };
    assertThat(spark(SparkFixtures.estimator("ew").withTaskHook(lose), rows)).containsExactly(undisturbed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pcgrad", "ew"})
  void aTaskFailingOnceIsRetriedAndGivesTheSameModel(String weighting, @TempDir Path dir) {
    List<Row> rows = SparkFixtures.rows(200, 3);
    float[] undisturbed = spark(SparkFixtures.estimator(weighting), rows);
    String marker = dir.resolve("failed-once").toString();
    SyncTraining.TaskHook failOnce = (partition, step) -> {
      if (partition == 1 && step == 5 && TaskContext.get().attemptNumber() == 0) {
        try {
          Files.createFile(Path.of(marker));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("injected failure of partition 1 in step 5");
      }
    };
    float[] retried = spark(SparkFixtures.estimator(weighting).withTaskHook(failOnce), rows);
    assertThat(Path.of(marker)).as("the injected failure happened").exists();
    assertThat(retried).containsExactly(undisturbed);
  }
}
