package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelAveragingTest {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  private static float[] parameters(MultiTaskEstimator estimator, Dataset<Row> frame) {
    return estimator.fit(frame).model().parameters().values();
  }

  /** Adam: the optimizer's moments must travel from round to round for the runs to agree bit for bit. */
  @ParameterizedTest
  @CsvSource({"ew, 1", "pcgrad, 1", "mgda, 3"})
  void onOnePartitionEqualsSynchronousTraining(String weighting, int localSteps) {
    Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(150, 4)).coalesce(1);
    MultiTaskEstimator sync = SparkFixtures.estimator(weighting).setOptimizer("adam").setLearningRate(0.01);
    MultiTaskEstimator averaging = SparkFixtures.estimator(weighting).setOptimizer("adam").setLearningRate(0.01)
        .setStrategy("averaging").setLocalSteps(localSteps);
    assertThat(parameters(averaging, frame)).containsExactly(parameters(sync, frame));
  }

  @Test
  void onTwoPartitionsDiffersFromSynchronousTraining() {
    Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(150, 4)).repartition(2);
    assertThat(parameters(SparkFixtures.estimator("ew").setStrategy("averaging").setLocalSteps(1), frame))
        .isNotEqualTo(parameters(SparkFixtures.estimator("ew"), frame));
  }

  /** y_sum = Σ of 4 standard normals: predicting 0 gives an RMSE of about 2. */
  @Test
  void convergesOnASeededTaskWithTwoPartitions() {
    Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(800, 11)).repartition(2);
    MultiTaskEstimator estimator = SparkFixtures.estimator("ew").setStrategy("averaging").setLocalSteps(4)
        .setEpochs(8);
    double rmse = new RegressionEvaluator().setLabelCol("sum").setPredictionCol("prediction_sum")
        .evaluate(estimator.fit(frame).transform(frame));
    double baseline = Math.sqrt(frame.collectAsList().stream().mapToDouble(r -> r.getDouble(1) * r.getDouble(1))
        .average().orElseThrow());
    assertThat(baseline).isGreaterThan(1.5);
    assertThat(rmse).isLessThan(0.25 * baseline);
  }

  @Test
  void aTaskFailingOnceInARoundIsRetriedAndGivesTheSameModel(@TempDir Path dir) {
    List<Row> rows = SparkFixtures.rows(200, 3);
    MultiTaskEstimator estimator = SparkFixtures.estimator("pcgrad").setStrategy("averaging").setLocalSteps(3);
    float[] undisturbed = parameters(estimator, SparkFixtures.frame(SPARK.session(), rows));
    String marker = dir.resolve("failed-once").toString();
    SyncTraining.TaskHook failOnce = (partition, step) -> {
      if (partition == 1 && step == 3 && TaskContext.get().attemptNumber() == 0) {
        try {
          Files.createFile(Path.of(marker));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("injected failure of partition 1 in the round from step 3");
      }
    };
    float[] retried = parameters(estimator.withTaskHook(failOnce), SparkFixtures.frame(SPARK.session(), rows));
    assertThat(Path.of(marker)).as("the injected failure happened").exists();
    assertThat(retried).containsExactly(undisturbed);
  }

  @Test
  void refusesAWeightingThatLearnsItsOwnWeights() {
    MultiTaskEstimator estimator = SparkFixtures.estimator("uw").setStrategy("averaging");
    assertThatThrownBy(() -> estimator.fit(SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(40, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training.weighting 'uw' learns its own weights");
  }

  @Test
  void refusesAnUnknownStrategy() {
    assertThatThrownBy(() -> SparkFixtures.estimator("ew").setStrategy("hogwild"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strategy");
  }
}
