package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.weighting.LearnableParameters;
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
import org.junit.jupiter.params.provider.CsvSource;
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
  @ValueSource(strings = {"ew", "pcgrad", "mgda", "dwa", "uw"})
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

  /**
   * A weighting's own weights, from a wrapper that says it reads the losses and gives no scales before them: the
   * step then runs a forward-only pass first, the two-pass path.
   */
  private static final class TwoPasses implements Weighting {
    private final Weighting inner;

    TwoPasses(Weighting inner) {
      this.inner = inner;
    }

    @Override
    public Requirements requirements() {
      return inner.requirements();
    }

    @Override
    public StepWeights combine(WeightingContext ctx) {
      return inner.combine(ctx);
    }

    @Override
    public LearnableParameters learnable(int tasks) {
      return inner.learnable(tasks);
    }
  }

  private static float[] spark(MultiTaskEstimator estimator, List<Row> rows, TrainingConfig config,
                               SyncTraining.TaskHook hook) {
    return SyncTraining.fit(SparkFixtures.frame(SPARK.session(), rows).javaRDD(), estimator.reader(),
        estimator.modelSpec(4), config, hook).parameters().values();
  }

  /**
   * EW and fixed scales do not read the losses, DWA reads previous epochs' only (4 epochs: its weights move from the
   * third), UW's scales exp(−s_t)/2 do not depend on them (its s gradient is formed after the pass): one job per
   * step, bit for bit the model of the forward-only pass first.
   */
  @ParameterizedTest(name = "{0}, seed {1}")
  @CsvSource({"ew, 7", "ew, 8", "ew, 9", "dwa, 7", "dwa, 8", "dwa, 9", "uw, 7", "uw, 8", "uw, 9"})
  void lossWeightingsWhoseScalesPrecedeTheLossesTakeOnePassPerStepAndTrainBitForBitAsTwoPasses(String weighting,
                                                                                             long seed) {
    List<Row> rows = SparkFixtures.rows(200, seed);
    MultiTaskEstimator estimator = SparkFixtures.estimator(weighting).setSeed(seed).setEpochs(4);
    TrainingConfig onePass = estimator.trainingConfig();
    TrainingConfig twoPasses = onePass.toBuilder().weighting(() -> new TwoPasses(onePass.newWeighting())).build();
    LongAccumulator passes = SPARK.session().sparkContext().longAccumulator();
    SyncTraining.TaskHook counting = (partition, step) -> passes.add(1);
    float[] one = spark(estimator, rows, onePass, counting);
    long onePassTasks = passes.value();
    passes.reset();
    float[] two = spark(estimator, rows, twoPasses, counting);
    assertThat(one).containsExactly(two);
    // 200 rows, batch 32: 7 steps per epoch, one task per partition and pass
    assertThat(onePassTasks).isEqualTo(4 * 7 * 2);
    assertThat(passes.value()).isEqualTo(2 * onePassTasks);
  }

  /** GLS's scales need the step's own losses (the product of all of them): it keeps the forward-only pass first. */
  @Test
  void glsKeepsItsForwardOnlyPassFirst() {
    MultiTaskEstimator estimator = SparkFixtures.estimator("gls");
    LongAccumulator passes = SPARK.session().sparkContext().longAccumulator();
    spark(estimator, SparkFixtures.rows(200, 3), estimator.trainingConfig(), (partition, step) -> passes.add(1));
    assertThat(passes.value()).isEqualTo(2 * 7 * 2 * 2);
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
