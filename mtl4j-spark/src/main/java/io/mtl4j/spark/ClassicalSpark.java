package io.mtl4j.spark;

import io.mtl4j.classical.ClassicalEngine;
import io.mtl4j.classical.ClassicalModel;
import io.mtl4j.classical.Formulation;
import io.mtl4j.classical.MultiTaskData;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Classical multi-task formulations (L21, Lasso, trace norm, dirty, …) fitted on Spark: every FISTA step's loss
 * value and gradient summed over the partitions by {@code treeAggregate} in partition order ({@link SparkRowSum}),
 * the prox step and momentum on the driver. The {@code spark} {@link ClassicalEngine} of
 * {@code ./mtl4j train --engine spark} on a classical config, and a Java entry for DataFrames:
 * {@code ClassicalSpark.fit(new L21(new L21.Options(10)), frame, "features", List.of("y1", "y2"))}.
 */
public final class ClassicalSpark implements ClassicalEngine {
  @Override
  public String name() {
    return "spark";
  }

  @Override
  public ClassicalModel fit(Formulation formulation, MultiTaskData train, String master) {
    boolean owned = SparkSession.getActiveSession().isEmpty();
    SparkSession session = SparkEngine.session(master); // null: spark-submit's master, else local[*]
    try {
      JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
      try (SparkRowSum rows = SparkRowSum.of(spark, train, spark.defaultParallelism(), SparkRowSum.NO_HOOK)) {
        return formulation.fit(rows);
      }
    } finally {
      if (owned) session.stop();
    }
  }

  /**
   * Fits {@code formulation} on a DataFrame's rows where they are: a features vector column and one numeric label
   * column per task, a row belonging to each task whose label is not null.
   *
   * @throws IllegalArgumentException for a missing or non-numeric column, a bad row or a NaN label (the messages of
   *                                  {@link #fitInOneJvm}), or a formulation that cannot fit from row sums
   */
  public static ClassicalModel fit(Formulation formulation, Dataset<Row> frame, String featuresCol,
                                   List<String> labelCols) {
    return fit(formulation, frame, featuresCol, labelCols, SparkRowSum.NO_HOOK);
  }

  static ClassicalModel fit(Formulation formulation, Dataset<Row> frame, String featuresCol, List<String> labelCols,
                            SparkRowSum.TaskHook hook) {
    RowReader reader = reader(frame.schema(), featuresCol, labelCols);
    try (SparkRowSum rows = SparkRowSum.read(frame.javaRDD(), reader, width(frame, reader), hook)) {
      return formulation.fit(rows);
    }
  }

  /** The same rows collected to the driver and fitted by {@link Formulation#fit(MultiTaskData)}: the reference. */
  public static ClassicalModel fitInOneJvm(Formulation formulation, Dataset<Row> frame, String featuresCol,
                                           List<String> labelCols) {
    return formulation.fit(collect(frame, featuresCol, labelCols));
  }

  /** A DataFrame's rows collected to the driver as the tasks' data, with the checks of {@link #fit}. */
  public static MultiTaskData collect(Dataset<Row> frame, String featuresCol, List<String> labelCols) {
    RowReader reader = reader(frame.schema(), featuresCol, labelCols);
    int width = width(frame, reader);
    return TaskBlocks.join(List.of(TaskBlocks.read(frame.collectAsList().iterator(), reader, width, 0)),
        labelCols.size(), width);
  }

  private static RowReader reader(StructType schema, String featuresCol, List<String> labelCols) {
    RowReader reader = new RowReader(featuresCol, List.of(), labelCols);
    reader.checkFeatures(schema);
    List<String> present = reader.presentLabels(schema);
    for (String label : labelCols) {
      if (!present.contains(label)) {
        throw new IllegalArgumentException("training data has no labels for task '" + label + "'; it has " + present);
      }
    }
    return reader;
  }

  private static int width(Dataset<Row> frame, RowReader reader) {
    List<Row> first = frame.takeAsList(1);
    if (first.isEmpty()) throw new IllegalArgumentException("training data has no rows");
    return reader.width(first.get(0));
  }
}
