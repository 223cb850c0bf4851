package io.mtl4j.spark;

import io.mtl4j.data.demo.MmoeSynthetic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Bench: synchronous training against model averaging with k local steps, on the MMoE paper's synthetic tasks
 * (correlation 0.9, 100 inputs), same seed, data and epochs: training rows per second and test R² per task.
 *
 * <p>Usage: {@code java -cp mtl4j-spark-all.jar:<Spark's jars> io.mtl4j.spark.AveragingBench [master] [rows] [epochs]}
 * (defaults {@code local[2]}, 20000, 5).
 */
public final class AveragingBench {
  private AveragingBench() {}

  public static void main(String[] args) {
    String master = args.length > 0 ? args[0] : "local[2]";
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    SparkSession spark = SparkEngine.session(master);
    try {
      MmoeSynthetic generator = MmoeSynthetic.draw(MmoeSynthetic.Options.paper(0.9), 1);
      int partitions = spark.sparkContext().defaultParallelism();
      Dataset<Row> train = frame(spark, generator.generate(1001, rows)).repartition(partitions).cache();
      Dataset<Row> test = frame(spark, generator.generate(1003, 10_000)).cache();
      train.count();
      System.out.printf(Locale.ROOT, "%s, %d partitions, %d training rows, %d epochs, batch 256, adam 0.001, ew%n",
          master, partitions, rows, epochs);
      System.out.printf(Locale.ROOT, "%-16s %10s %10s %9s %9s%n", "strategy", "seconds", "rows/s", "R² task1",
          "R² task2");
      for (int k : new int[] {0, 4, 16}) {
        MultiTaskEstimator estimator = new MultiTaskEstimator().setLabelCols("task1", "task2")
            .setTaskTypes("regression", "regression").setArchitectureOptions("{\"experts\": 8, \"expertHidden\": 16}")
            .setOptimizer("adam").setLearningRate(0.001).setEpochs(epochs).setBatchSize(256).setSeed(1);
        if (k > 0) estimator.setStrategy("averaging").setLocalSteps(k);
        long start = System.nanoTime();
        MultiTaskSparkModel model = estimator.fit(train);
        double seconds = (System.nanoTime() - start) / 1e9;
        Dataset<Row> predicted = model.transform(test);
        System.out.printf(Locale.ROOT, "%-16s %10.1f %10.0f %9.4f %9.4f%n", k == 0 ? "sync" : "averaging k=" + k,
            seconds, (double) rows * epochs / seconds, r2(predicted, "task1"), r2(predicted, "task2"));
      }
    } finally {
      spark.stop();
    }
  }

  private static double r2(Dataset<Row> predicted, String task) {
    return new RegressionEvaluator().setMetricName("r2").setLabelCol(task).setPredictionCol("prediction_" + task)
        .evaluate(predicted);
  }

  private static Dataset<Row> frame(SparkSession spark, MmoeSynthetic.Sample s) {
    StructType schema = DatasetChunks.schema(0).add("task1", DataTypes.DoubleType).add("task2", DataTypes.DoubleType);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < s.rows(); i++) {
      double[] x = new double[s.inputs()];
      for (int j = 0; j < x.length; j++) x[j] = s.features()[i * s.inputs() + j];
      out.add(RowFactory.create(Vectors.dense(x), (double) s.targets()[0][i], (double) s.targets()[1][i]));
    }
    return spark.createDataFrame(out, schema);
  }
}
