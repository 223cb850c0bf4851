package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MultiTaskEstimatorTest {
  @RegisterExtension
  static final LocalSpark SPARK = new LocalSpark();

  @Test
  void onePartitionTrainsBitForBitAsOneJvm() {
    List<Row> rows = SparkFixtures.rows(120, 5);
    MultiTaskEstimator estimator = SparkFixtures.estimator("pcgrad");
    float[] spark1 = estimator.fit(SparkFixtures.frame(SPARK.session(), rows).coalesce(1)).model().parameters()
        .values();
    MultiTaskModel local = MultiTaskModel.create(estimator.modelSpec(4), 7);
    new Trainer(estimator.trainingConfig()).fit(local, SparkFixtures.dataset(rows), null);
    assertThat(spark1).containsExactly(local.parameters().values());
  }

  @Test
  void fitsInsideAPipelineAndACrossValidatorOverTwoLearningRates() {
    org.apache.spark.sql.Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(160, 9))
        .withColumn("x", functions.col("features"));
    MultiTaskEstimator mtl = SparkFixtures.estimator("ew").setFeaturesCol("x").setEpochs(1);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {mtl});
    ParamMap[] grid = new ParamGridBuilder().addGrid(mtl.learningRate(), new double[] {0.001, 0.1}).build();
    CrossValidatorModel cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid).setNumFolds(2)
        .setSeed(3).setEvaluator(new RegressionEvaluator().setLabelCol("sum").setPredictionCol("prediction_sum"))
        .fit(frame);
    double[] rmse = cv.avgMetrics();
    assertThat(rmse).hasSize(2);
    assertThat(Double.isFinite(rmse[0]) && Double.isFinite(rmse[1])).as("both RMSEs finite").isTrue();
    assertThat(rmse[0]).isNotEqualTo(rmse[1]);
    assertThat(cv.transform(frame).columns()).contains("prediction_sum", "prediction_sign");
  }

  @Test
  void assembledFeatureColumnsTrainLikeTheSameVector() {
    List<Row> rows = SparkFixtures.rows(80, 2);
    org.apache.spark.sql.Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), rows);
    org.apache.spark.sql.Dataset<Row> columns = frame.select(functions.col("sum"), functions.col("sign"),
        org.apache.spark.ml.functions.vector_to_array(functions.col("features"), "float64").as("a"));
    for (int j = 0; j < 4; j++) columns = columns.withColumn("x" + j, functions.col("a").getItem(j));
    float[] byVector = SparkFixtures.estimator("ew").fit(frame).model().parameters().values();
    float[] byColumns = SparkFixtures.estimator("ew").setFeatureCols("x0", "x1", "x2", "x3").fit(columns).model()
        .parameters().values();
    assertThat(byColumns).containsExactly(byVector);
  }

  @Test
  void aMissingLabelColumnFailsWithTheSingleJvmMessage() {
    List<Row> rows = SparkFixtures.rows(40, 1);
    org.apache.spark.sql.Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), rows).drop("sign");
    Dataset sumOnly = Dataset.builder(SparkFixtures.dataset(rows).features())
        .task("sum", SparkFixtures.dataset(rows).labels("sum")).build();
    MultiTaskEstimator estimator = SparkFixtures.estimator("ew");
    Throwable local = catchThrowable(() -> new Trainer(estimator.trainingConfig())
        .fit(MultiTaskModel.create(estimator.modelSpec(4), 7), sumOnly, null));
    assertThatThrownBy(() -> estimator.fit(frame)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(local.getMessage()).hasMessageContaining("no labels for task 'sign'");
  }

  @Test
  void aNanLabelFailsWithTheSingleJvmMessage() {
    List<Row> rows = new ArrayList<>(SparkFixtures.rows(100, 4));
    Row bad = rows.get(37);
    rows.set(37, RowFactory.create(bad.get(0), Double.NaN, bad.get(2)));
    MultiTaskEstimator estimator = SparkFixtures.estimator("mgda");
    List<Row> ordered = SparkFixtures.frame(SPARK.session(), rows).collectAsList();
    Throwable local = catchThrowable(() -> new Trainer(estimator.trainingConfig())
        .fit(MultiTaskModel.create(estimator.modelSpec(4), 7), SparkFixtures.dataset(ordered), null));
    assertThat(local).hasMessageContaining("loss of task 'sum' is NaN");
    assertThatThrownBy(() -> estimator.fit(SparkFixtures.frame(SPARK.session(), rows))).hasMessage(local.getMessage());
  }

  @Test
  void aVectorOfTheWrongSizeIsNamedWithItsRow() {
    List<Row> rows = new ArrayList<>(SparkFixtures.rows(60, 6));
    rows.set(45, RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), 1.0, 0.0));
    assertThatThrownBy(() -> SparkFixtures.estimator("ew").fit(SparkFixtures.frame(SPARK.session(), rows)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("featuresCol 'features': row 45 has a vector of size 5, expected 4 (the model's inputs)");
  }

  @Test
  void predictingOnDataOfAnotherWidthFailsAsTheTrainerDoes() {
    MultiTaskSparkModel model = SparkFixtures.estimator("ew").setEpochs(1).fit(
        SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(40, 2)));
    List<Row> wide = List.of(RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), 1.0, 0.0));
    assertThatThrownBy(() -> model.transform(SparkFixtures.frame(SPARK.session(), wide)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prediction data has 5 feature columns, the model expects 4");
  }

  @Test
  void refusesTaskTypesThatDoNotMatchTheLabelColumns() {
    MultiTaskEstimator estimator = SparkFixtures.estimator("ew").setTaskTypes("regression");
    assertThatThrownBy(() -> estimator.fit(SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(10, 1))))
        .hasMessage("taskTypes: 1 types for 2 labelCols; give one type per label column");
  }

  @Test
  void refusesAWeightingWithSeveralLossSamplesBeforeAnyJobRuns() {
    org.apache.spark.sql.Dataset<Row> frame = SparkFixtures.frame(SPARK.session(), SparkFixtures.rows(10, 1));
    assertThatThrownBy(() -> SparkFixtures.estimator("modo").fit(frame))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss samples per step");
  }
}
