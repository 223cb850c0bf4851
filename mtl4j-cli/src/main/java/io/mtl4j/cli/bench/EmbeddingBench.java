package io.mtl4j.cli.bench;

import io.mtl4j.arch.MMoE;
import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import io.mtl4j.encode.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedding-heavy step (bench/python/embedding_step.py is the identical PyTorch model): one categorical id per
 * field per row through a {@link CategoricalEncoder} (one row-sparse table per field), MMoE on the concatenated
 * embeddings; lazy Adam on the tables (the twin's SparseAdam), Adam on the rest. Prints one JSON line.
 */
@Command(name = "embedding", mixinStandardHelpOptions = true,
    description = "Embedding-heavy training step: row-sparse tables + MMoE (Adam, BCE).")
public final class EmbeddingBench implements Callable<Integer> {
  private static final String GROUP = "fields";

  @Option(names = "--batch", defaultValue = "256") int batch;
  @Option(names = "--fields", defaultValue = "26") int fields;
  @Option(names = "--rows", defaultValue = "1000000", description = "rows of each field's table") int rows;
  @Option(names = "--dimension", defaultValue = "16") int dimension;
  @Option(names = "--experts", defaultValue = "8") int experts;
  @Option(names = "--expert-hidden", defaultValue = "64") int expertHidden;
  @Option(names = "--tower", defaultValue = "16") int tower;
  @Option(names = "--tasks", defaultValue = "2") int tasks;
  @Option(names = "--steps", defaultValue = "200") int steps;
  @Option(names = "--warmup", defaultValue = "50") int warmup;
  @Option(names = "--threads", description = "worker threads (default: all cores)") Integer threads;
  @Option(names = "--dense", description = "dense tables (every row zeroed, reduced and updated each step)")
  boolean dense;

  @Override
  public Integer call() {
    if (fields < 1 || rows < 1 || dimension < 1 || batch < 1) {
      throw new IllegalArgumentException("--fields, --rows, --dimension and --batch must be ≥ 1, got " + fields + ", "
          + rows + ", " + dimension + ", " + batch);
    }
    List<CategoricalEncoder.Field> tables = new ArrayList<>();
    for (int f = 0; f < fields; f++) tables.add(new CategoricalEncoder.Field("field" + f, rows, dimension));
    InputSpec inputs = new InputSpec(List.of(new CategoricalEncoder.Spec(GROUP, tables, Pooling.SUM, false, !dense)));
    StepBenchmark.run(dense ? "embedding-dense-train-step" : "embedding-train-step",
        new MMoE.Options(experts, expertHidden), inputs, ids(batch, fields, rows, tasks, 7), tower, warmup, steps,
        threads, "ew", false, flopsPerStep());
    return 0;
  }

  /**
   * GEMM flops per step; the same formula as bench/python/embedding_step.py: W1's with I = fields·dimension, plus the
   * input gradient of the experts and gates (2·B·I·E·H + 2·B·I·E·T), which the tables need. Gathers, the sparse
   * update and the optimizer are not counted.
   */
  public double flopsPerStep() {
    double b = batch, i = (double) fields * dimension, e = experts, h = expertHidden, k = tower, t = tasks;
    return 6 * b * i * e * h + 6 * b * i * e * t + 6 * b * e * h * t + t * (6 * b * h * k + 6 * b * k);
  }

  /** One fixed batch: ids uniform in [0, rows) per field, random 0/1 labels. */
  private static Dataset ids(int batch, int fields, int rows, int tasks, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] ids = new int[fields][batch];
    for (int i = 0; i < batch; i++) for (int f = 0; f < fields; f++) ids[f][i] = r.nextInt(rows);
    List<IdRows> columns = new ArrayList<>();
    for (int[] column : ids) columns.add(IdRows.single(column));
    Dataset.Builder b = Dataset.builder(FeatureRows.of(Map.of(GROUP, new CategoricalRows(columns))));
    return StepBenchmark.withRandomLabels(b, batch, tasks, r);
  }
}
