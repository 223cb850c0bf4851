package io.mtl4j.spark;

import io.mtl4j.data.Dataset;
import io.mtl4j.tensor.Tensor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A core {@link Dataset} held by the driver (what the CLI reads from a YAML config) as an RDD of rows: contiguous
 * row ranges, one per partition, broadcast as compact float arrays and turned into rows of a features vector and one
 * label column per task (null where the label is masked) on the executors. Row order is the dataset's.
 *
 * <p>Broadcast, not {@code parallelize}d: a parallelized collection travels inside every task of every step that
 * descends from it (measured: about 1 s per task for 30,000 census rows), while a broadcast block is fetched once per
 * executor, and again only when an executor is lost and its partition recomputed.
 */
final class DatasetChunks {
  static final String FEATURES = "features";

  private DatasetChunks() {}

  /** Rows [from, from + n) of the dataset. */
  private record Chunk(int width, float[] x, float[][] labels, boolean[][] labelled) implements Serializable {
    private static final long serialVersionUID = 1L;

    Iterator<Row> rows() {
      int n = width == 0 ? 0 : x.length / width;
      StructType schema = schema(labels.length);
      List<Row> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        double[] v = new double[width];
        for (int j = 0; j < width; j++) v[j] = x[i * width + j];
        Object[] values = new Object[1 + labels.length];
        values[0] = Vectors.dense(v);
        for (int t = 0; t < labels.length; t++) values[1 + t] = labelled[t][i] ? (double) labels[t][i] : null;
        out.add(new GenericRowWithSchema(values, schema));
      }
      return out.iterator();
    }
  }

  /** The label column of task {@code t}: positional, so any task name is safe. */
  static String labelColumn(int t) {
    return "label_" + t;
  }

  /**
   * @throws IllegalArgumentException for a dataset of feature groups (embedding inputs), which Spark training does
   *                                  not take yet
   */
  static JavaRDD<Row> rdd(JavaSparkContext spark, Dataset data, int partitions) {
    if (data.groups() != null) {
      throw new IllegalArgumentException("--engine spark: inputs with feature groups (categorical embeddings, "
          + "tokens) are not supported on Spark yet; use features.encoding: onehot, or the jvm engine");
    }
    List<Broadcast<Chunk>> chunks = new ArrayList<>();
    int rows = data.rows(), width = data.featureCount(), tasks = data.tasks().size();
    float[] x = data.features().toArray();
    for (int p = 0; p < partitions; p++) {
      int from = (int) ((long) rows * p / partitions), to = (int) ((long) rows * (p + 1) / partitions);
      float[][] labels = new float[tasks][];
      boolean[][] labelled = new boolean[tasks][to - from];
      for (int t = 0; t < tasks; t++) {
        String task = data.tasks().get(t);
        float[] all = data.labels(task).toArray();
        if (all.length != rows) {
          throw new IllegalArgumentException("--engine spark: task '" + task + "' has " + all.length / rows
              + " labels per row; Spark training takes one label column per task (give each label its own task)");
        }
        labels[t] = Arrays.copyOfRange(all, from, to);
        Tensor mask = data.mask(task);
        for (int i = from; i < to; i++) labelled[t][i - from] = mask.get(i) != 0f;
      }
      chunks.add(spark.broadcast(new Chunk(width, Arrays.copyOfRange(x, from * width, to * width), labels,
          labelled)));
    }
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < partitions; p++) indices.add(p);
    return spark.parallelize(indices, partitions).flatMap(p -> chunks.get(p).value().rows());
  }

  /** The columns of {@link #rdd}'s rows. */
  static StructType schema(int tasks) {
    StructType s = new StructType().add(FEATURES, SQLDataTypes.VectorType(), false);
    for (int t = 0; t < tasks; t++) s = s.add(labelColumn(t), DataTypes.DoubleType, true);
    return s;
  }
}
