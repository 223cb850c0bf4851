package io.mtl4j.spark;

import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.RowSum;
import io.mtl4j.classical.RowTerm;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * A classical fit's {@link RowSum} on Spark: the rows read once into one cached {@link TaskBlocks} per partition; each
 * sum (a FISTA step's loss value and gradient) is one job whose partitions each sum their block, the partials then
 * added by {@code treeAggregate} in partition order ({@link PartitionOrderSum}), so retries and scheduling change no
 * bit. The solver, prox step and momentum stay on the driver. Closing it unpersists the cache.
 */
final class SparkRowSum implements RowSum, AutoCloseable {
  /** Called at the start of every partition's sum: a test injects task failures here. */
  interface TaskHook extends Serializable {
    void beforeSum(int partition, long call);
  }

  static final TaskHook NO_HOOK = (partition, call) -> { };

  private final JavaRDD<TaskBlocks> blocks;
  private final int features;
  private final int[] rows;
  private final TaskHook hook;
  private long calls;

  private SparkRowSum(JavaRDD<TaskBlocks> blocks, int features, int[] rows, TaskHook hook) {
    this.blocks = blocks;
    this.features = features;
    this.rows = rows;
    this.hook = hook;
  }

  /**
   * {@code data}'s rows (task 0's, then task 1's, …) cut into {@code partitions} contiguous ranges, each broadcast on
   * its own: a {@code parallelize}d collection would travel inside every task of every step (as
   * {@link DatasetChunks} explains), a broadcast block once per executor.
   */
  static SparkRowSum of(JavaSparkContext spark, MultiTaskData data, int partitions, TaskHook hook) {
    long total = data.totalRows();
    List<Broadcast<TaskBlocks>> slices = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      slices.add(spark.broadcast(TaskBlocks.slice(data, total * p / partitions, total * (p + 1) / partitions)));
      indices.add(p);
    }
    return cached(spark.parallelize(indices, partitions).map(p -> slices.get(p).value()), data.features(), hook);
  }

  /**
   * Reads a DataFrame's rows on the executors.
   *
   * @throws IllegalArgumentException for bad data, with the message {@link TaskBlocks#read} gives in one JVM
   */
  static SparkRowSum read(JavaRDD<Row> frame, RowReader reader, int width, TaskHook hook) {
    List<Integer> sizes = frame.mapPartitions(PartitionedData::count).collect();
    long[] starts = new long[sizes.size()];
    for (int p = 1; p < starts.length; p++) starts[p] = starts[p - 1] + sizes.get(p - 1);
    return cached(frame.mapPartitionsWithIndex((p, it) ->
        List.of(TaskBlocks.read(it, reader, width, starts[p])).iterator(), true), width, hook);
  }

  private static SparkRowSum cached(JavaRDD<TaskBlocks> rdd, int features, TaskHook hook) {
    JavaRDD<TaskBlocks> blocks = rdd.persist(StorageLevel.MEMORY_ONLY());
    try {
      List<int[]> counts = SparkErrors.unwrapping(() -> blocks.map(TaskBlocks::rows).collect());
      int[] rows = new int[counts.isEmpty() ? 0 : counts.get(0).length];
      for (int[] c : counts) {
        for (int t = 0; t < rows.length; t++) rows[t] += c[t];
      }
      return new SparkRowSum(blocks, features, rows, hook);
    } catch (RuntimeException e) {
      blocks.unpersist(false);
      throw e;
    }
  }

  /** The partition blocks themselves, collected in partition order (the single-JVM comparison's rows). */
  MultiTaskData collect() {
    return TaskBlocks.join(SparkErrors.unwrapping(blocks::collect), rows.length, features);
  }

  @Override
  public int features() {
    return features;
  }

  @Override
  public int tasks() {
    return rows.length;
  }

  @Override
  public int rows(int task) {
    return rows[task];
  }

  @Override
  public double[] sum(RowTerm term) {
    long call = calls++;
    TaskHook h = hook;
    JavaRDD<PartitionOrderSum.Leaf<double[]>> leaves = blocks.mapPartitionsWithIndex((p, it) -> {
      h.beforeSum(p, call);
      double[] partial = new double[term.size()];
      while (it.hasNext()) partial = it.next().sum(term); // one block; reading to the end frees the cached block
      return List.of(new PartitionOrderSum.Leaf<>(p, partial)).iterator();
    }, true);
    int partitions = blocks.getNumPartitions();
    return SparkErrors.unwrapping(() -> leaves.treeAggregate(new PartitionOrderSum<>(partitions, SparkRowSum::plus),
        PartitionOrderSum::add, PartitionOrderSum::merge, 2).total());
  }

  private static double[] plus(double[] earlier, double[] later) {
    double[] out = earlier.clone();
    for (int i = 0; i < out.length; i++) out[i] += later[i];
    return out;
  }

  @Override
  public void close() {
    blocks.unpersist(false);
  }
}
