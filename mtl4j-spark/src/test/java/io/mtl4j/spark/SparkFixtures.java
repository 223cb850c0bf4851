package io.mtl4j.spark;

import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The two-task data the Spark tests train on, as DataFrame rows and as the single-JVM dataset. */
final class SparkFixtures {
  private SparkFixtures() {}

  static final StructType SCHEMA = new StructType().add("features", SQLDataTypes.VectorType(), false)
      .add("sum", DataTypes.DoubleType, true).add("sign", DataTypes.DoubleType, true);

  /** y_sum = Σ x, y_sign = [x0 − x1 > 0] with every fifth sign label missing (null), 4 features. */
  static List<Row> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] x = new double[4];
      double sum = 0;
      for (int j = 0; j < 4; j++) {
        x[j] = (float) r.nextGaussian(); // float values: the single-JVM copy holds exactly the same numbers
        sum += x[j];
      }
      Double sign = i % 5 == 0 ? null : x[0] - x[1] > 0 ? 1.0 : 0.0;
      rows.add(RowFactory.create(Vectors.dense(x), (double) (float) sum, sign));
    }
    return rows;
  }

  static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, List<Row> rows) {
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** The same rows as a core dataset, in the given order: what a single-JVM run trains on. */
  static Dataset dataset(List<Row> rows) {
    int n = rows.size();
    float[] x = new float[n * 4], sum = new float[n], sign = new float[n], mask = new float[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      double[] v = ((Vector) row.get(0)).toArray();
      for (int j = 0; j < 4; j++) x[i * 4 + j] = (float) v[j];
      sum[i] = (float) row.getDouble(1);
      mask[i] = row.isNullAt(2) ? 0f : 1f;
      sign[i] = row.isNullAt(2) ? 0f : (float) row.getDouble(2);
    }
    return Dataset.builder(Tensor.of(x, n, 4)).task("sum", Tensor.of(sum, n))
        .task("sign", Tensor.of(sign, n), Tensor.of(mask, n)).build();
  }

  /**
   * Asserts that {@code distributed} is within {@code tolerance} of one JVM's {@code local} parameters while training
   * moved them from {@code initial} far beyond it (so the closeness says something).
   */
  static void assertTrainedAsOneJvm(float[] distributed, float[] local, float[] initial, double tolerance) {
    org.assertj.core.api.Assertions.assertThat(distributed).hasSameSizeAs(local);
    double gap = 0, moved = 0;
    for (int i = 0; i < local.length; i++) {
      gap = Math.max(gap, Math.abs(distributed[i] - local[i]));
      moved = Math.max(moved, Math.abs(local[i] - initial[i]));
    }
    org.assertj.core.api.Assertions.assertThat(gap).isLessThanOrEqualTo(tolerance);
    org.assertj.core.api.Assertions.assertThat(moved).as("training moved the parameters far beyond the tolerance")
        .isGreaterThan(1e3 * tolerance);
  }

  /** An estimator for the fixture's two tasks with a small MMoE and plain SGD. */
  static MultiTaskEstimator estimator(String weighting) {
    return new MultiTaskEstimator().setLabelCols("sum", "sign").setTaskTypes("regression", "binary")
        .setArchitecture("mmoe").setArchitectureOptions("{\"experts\": 3, \"expertHidden\": 8}")
        .setWeighting(weighting).setOptimizer("sgd").setLearningRate(0.05).setEpochs(2).setBatchSize(32).setSeed(7);
  }
}
