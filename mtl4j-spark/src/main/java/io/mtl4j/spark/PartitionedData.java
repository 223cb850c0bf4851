package io.mtl4j.spark;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.task.Task;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * The training rows read once into one cached {@link PartitionRows} per partition, with the global row count and
 * label masks the driver plans batches from. Closing it unpersists the cache.
 */
final class PartitionedData implements AutoCloseable {
  private final JavaRDD<PartitionRows> rdd;
  private final boolean[][] labelled;

  private PartitionedData(JavaRDD<PartitionRows> rdd, boolean[][] labelled) {
    this.rdd = rdd;
    this.labelled = labelled;
  }

  /** @throws IllegalArgumentException for bad data, with the message the single-JVM path gives */
  static PartitionedData read(JavaRDD<Row> rows, RowReader reader, ModelSpec spec) {
    List<String> tasks = spec.tasks().stream().map(Task::name).toList();
    int width = spec.inputs();
    List<Integer> sizes = rows.mapPartitions(PartitionedData::count).collect();
    long[] starts = new long[sizes.size() + 1];
    for (int p = 0; p < sizes.size(); p++) starts[p + 1] = starts[p] + sizes.get(p);
    long total = starts[sizes.size()];
    if (total == 0) throw new IllegalArgumentException("training data has no rows");
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("training data has " + total + " rows; at most " + Integer.MAX_VALUE
          + " are supported (the single-JVM row index is an int)");
    }
    JavaRDD<PartitionRows> data = rows.mapPartitionsWithIndex((p, it) ->
        List.of(PartitionRows.read(it, reader, tasks, width, starts[p])).iterator(), true)
        .persist(StorageLevel.MEMORY_ONLY());
    try {
      return new PartitionedData(data, joined(data.map(PartitionRows::labelled).collect(), tasks.size(), (int) total));
    } catch (RuntimeException e) {
      data.unpersist(false);
      throw e;
    }
  }

  /** A partition's row count (one element), for {@code mapPartitions}. */
  static Iterator<Integer> count(Iterator<Row> it) {
    int n = 0;
    for (; it.hasNext(); it.next()) n++;
    return List.of(n).iterator();
  }

  /** The partitions' label masks joined in partition (= global row) order, [T][rows]. */
  private static boolean[][] joined(List<boolean[][]> parts, int tasks, int rows) {
    boolean[][] out = new boolean[tasks][rows];
    int at = 0;
    for (boolean[][] part : parts) {
      for (int t = 0; t < tasks; t++) System.arraycopy(part[t], 0, out[t], at, part[t].length);
      at += part.length == 0 ? 0 : part[0].length;
    }
    return out;
  }

  JavaRDD<PartitionRows> rdd() {
    return rdd;
  }

  int partitions() {
    return rdd.getNumPartitions();
  }

  int rows() {
    return labelled[0].length;
  }

  /** Labelled rows of each task in {@code order[from, to)}: the batch-mean losses' denominators. */
  double[] denominators(int[] order, int from, int to) {
    return PartitionRows.count(labelled, order, from, to, 0);
  }

  @Override
  public void close() {
    rdd.unpersist(false);
  }
}
