package io.mtl4j.bench;

import io.mtl4j.optim.Adam;
import io.mtl4j.optim.GradClip;
import io.mtl4j.train.DataParallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The global part of an embedding-heavy step after the reduction (`./mtl4j bench embedding`): the support of a
 * gradient that is dense on one run of {@value #DENSE} values (the MMoE) and non-zero on 26 × 256 random rows of 16
 * in tables of 100,000 rows each; its two norms (shared part and whole, in one pass or two) and lazy Adam over it on
 * one or two workers. The tables are a tenth of the bench's, so that four buffers fit a JMH fork.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xmx3g"})
public class SparseUpdateBench {
  private static final int FIELDS = 26, ROWS = 100_000, DIM = 16, BATCH = 256, DENSE = 222_000;

  @Param({"1", "2"})
  public int workers;

  private float[] params, grads;
  private int[][] support;
  private int shared;
  private Adam adam;
  private DataParallel pool;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(1);
    int tables = FIELDS * ROWS * DIM;
    params = new float[tables + DENSE];
    grads = new float[params.length];
    List<int[]> ranges = new ArrayList<>();
    for (int f = 0; f < FIELDS; f++) {
      int[] rows = r.ints(BATCH, 0, ROWS).sorted().distinct().toArray();
      for (int row : rows) ranges.add(new int[] {(f * ROWS + row) * DIM, (f * ROWS + row + 1) * DIM});
    }
    ranges.add(new int[] {tables, params.length});
    support = ranges.toArray(new int[0][]);
    for (int[] range : support) for (int i = range[0]; i < range[1]; i++) grads[i] = (float) r.nextGaussian();
    shared = tables + DENSE / 2;
    adam = new Adam(Adam.Options.defaults());
    pool = new DataParallel(workers);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** The shared part's norm and the whole buffer's, one pass each (before). */
  @Benchmark
  public double twoNorms() {
    return GradClip.norm(grads, 0, shared, support) + GradClip.norm(grads, 0, grads.length, support);
  }

  /** Both norms in one pass over the support (after). */
  @Benchmark
  public double prefixAndTotalNorm() {
    return Arrays.stream(GradClip.prefixAndTotalNorm(grads, shared, support)).sum();
  }

  /** Lazy Adam over the support, split over {@code workers}. */
  @Benchmark
  public float lazyAdam() {
    adam.step(params, grads, support, pool);
    return params[support[0][0]];
  }
}
