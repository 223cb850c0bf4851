package io.mtl4j.cli.bench;

import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import io.mtl4j.weighting.Weightings;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cost of each weighting's combine step alone: random per-task gradients [T, d] (seeded), the method's own
 * state carried from step to step, the gradients restored (untimed) before every step. One JSON line (or table row)
 * per method and task count.
 */
@Command(name = "weighting", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Time each weighting method's combine step on random gradients G [T, d] (seeded).",
        "Every method first runs untimed warm-up steps: at least --warmup steps and --warmup-ms milliseconds, "
            + "then until no JIT compilation has finished for 300 ms and 3 steps (at most 10 s), so that C2 has "
            + "compiled its loops and solvers; then --steps timed steps. The input gradients are restored before "
            + "every step, outside the timing.",
        "Per method and task count it prints the median and the minimum milliseconds per combine "
            + "(ms_per_step is the median), the warm-up steps it took, and sum_pass_ms, the median time of one "
            + "plain pass out = Σ_t g_t over the same G: the memory-bandwidth floor of any method that reads every "
            + "gradient.",
        "Memory: about 6·T·d doubles (three loss samples, kept twice for the restore)."})
public final class WeightingBench implements Callable<Integer> {
  /** Elements per chunk of the reference pass: T chunks of 8 KB stay in L1/L2 while out is accumulated. */
  private static final int CHUNK = 1024;
  /** The warm-up ends once no JIT compilation has finished for this long (and 3 steps) ... */
  private static final long QUIET_MS = 300;
  /** ... or after this long in any case. */
  private static final long WARMUP_CAP_MS = 10_000;

  @Option(names = "--tasks", split = ",", defaultValue = "2,5,10",
      description = "task counts T (default: ${DEFAULT-VALUE})")
  int[] tasks;
  @Option(names = "--dim", defaultValue = "1000000",
      description = "shared gradient length d (default: ${DEFAULT-VALUE})")
  int dim;
  @Option(names = "--steps", defaultValue = "20", description = "timed steps per method (default: ${DEFAULT-VALUE})")
  int steps;
  @Option(names = "--warmup", defaultValue = "5",
      description = "at least this many untimed steps (default: ${DEFAULT-VALUE})")
  int warmup;
  @Option(names = "--warmup-ms", defaultValue = "400",
      description = "and at least this many milliseconds of untimed steps (default: ${DEFAULT-VALUE})")
  long warmupMs;
  @Option(names = "--methods", split = ",", description = "methods to time (default: all registered)")
  List<String> methods;
  @Option(names = "--rep-rows", defaultValue = "1",
      description = "rows B of the representation [B, d/B] seen by representation-gradient methods (GradDrop); "
          + "must divide --dim (default: ${DEFAULT-VALUE})")
  int repRows;
  @Option(names = "--table", description = "print an aligned table instead of JSON lines")
  boolean table;

  @Override
  public Integer call() {
    if (dim < 1 || steps < 1 || warmup < 0 || warmupMs < 0) {
      throw new IllegalArgumentException("--dim and --steps must be ≥ 1, --warmup and --warmup-ms ≥ 0");
    }
    if (repRows < 1 || dim % repRows != 0) {
      throw new IllegalArgumentException("--rep-rows " + repRows + ": expected a divisor of --dim " + dim);
    }
    List<String> names = methods == null ? new ArrayList<>(Weightings.names()) : methods;
    for (String name : names) {
      Weightings.create(name); // unknown names fail before any timing
    }
    if (table) {
      System.out.printf(Locale.ROOT, "%-14s %5s %10s %10s %10s %10s %8s%n", "method", "T", "median_ms", "min_ms",
          "sum_pass", "x_floor", "warmup");
    }
    for (int t : tasks) {
      if (t < 2) throw new IllegalArgumentException("--tasks " + t + ": expected ≥ 2");
      Context ctx = new Context(t, dim, repRows, 5);
      // after a restore like the methods, so that it starts from the same cache state
      double floor = time(() -> sumPass(ctx.taskGradients(0), ctx.shared), ctx).median();
      for (String name : names) {
        Weighting method = Weightings.create(name);
        ctx.step = 0;
        Timing timing = time(() -> {
          method.combine(ctx);
          ctx.step++;
        }, ctx);
        print(name, t, timing, floor);
      }
    }
    return 0;
  }

  /**
   * Untimed warm-up, then {@link #steps} timed runs of {@code step}, each after an untimed restore. The warm-up
   * lasts at least {@link #warmup} steps and {@link #warmupMs}, and then until the JIT has been quiet (no
   * compilation finished) for {@link #QUIET_MS} and 3 steps, at most {@link #WARMUP_CAP_MS}: a large solver
   * method can still be waiting for C2 long after the first steps.
   */
  private Timing time(Runnable step, Context ctx) {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean watchJit = jit != null && jit.isCompilationTimeMonitoringSupported();
    long start = System.nanoTime();
    long lastCompile = watchJit ? jit.getTotalCompilationTime() : 0;
    long quietSince = start;
    int quietSteps = 0;
    int s = 0;
    while (true) {
      ctx.restore();
      step.run();
      s++;
      long now = System.nanoTime();
      long compile = watchJit ? jit.getTotalCompilationTime() : 0;
      if (compile != lastCompile) {
        lastCompile = compile;
        quietSince = now;
        quietSteps = 0;
      } else {
        quietSteps++;
      }
      boolean minimum = s >= warmup && now - start >= warmupMs * 1_000_000L;
      boolean quiet = quietSteps >= 3 && now - quietSince >= QUIET_MS * 1_000_000L;
      if (minimum && (quiet || !watchJit) || now - start >= WARMUP_CAP_MS * 1_000_000L) {
        break;
      }
    }
    double[] ms = new double[steps];
    for (int k = 0; k < steps; k++) {
      ctx.restore();
      long t0 = System.nanoTime();
      step.run();
      ms[k] = (System.nanoTime() - t0) / 1e6;
    }
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    return new Timing(median, sorted[0], s);
  }

  /** Milliseconds per timed step (median and minimum) after {@code warmupSteps} untimed ones. */
  private record Timing(double median, double min, int warmupSteps) {}

  private void print(String name, int t, Timing timing, double floor) {
    if (table) {
      System.out.printf(Locale.ROOT, "%-14s %5d %10.3f %10.3f %10.3f %10.1f %8d%n", name, t, timing.median(),
          timing.min(), floor, timing.median() / floor, timing.warmupSteps());
    } else {
      System.out.printf(Locale.ROOT, "{\"workload\":\"weighting-combine\",\"method\":\"%s\",\"tasks\":%d,\"dim\":%d,"
          + "\"ms_per_step\":%.3f,\"ms_min\":%.3f,\"sum_pass_ms\":%.3f,\"steps\":%d,\"warmup_steps\":%d}%n", name, t,
          dim, timing.median(), timing.min(), floor, steps, timing.warmupSteps());
    }
  }

  /** out = Σ_t g_t, chunk by chunk so that out is read and written once: the cheapest pass over all of G. */
  private static void sumPass(double[][] g, double[] out) {
    int d = out.length;
    for (int from = 0; from < d; from += CHUNK) {
      int to = Math.min(d, from + CHUNK);
      System.arraycopy(g[0], from, out, from, to - from);
      for (int t = 1; t < g.length; t++) {
        double[] row = g[t];
        for (int i = from; i < to; i++) {
          out[i] += row[i];
        }
      }
    }
  }

  /** Random gradients and losses, three loss samples (MoDo, SDMGrad), a loss history and a representation. */
  private static final class Context implements WeightingContext {
    private final double[][][] gradients;
    private final double[][][] pristine;
    private final boolean[] handedOut = new boolean[3];
    private final double[][] losses;
    private final double[] shared;
    private final double[][] history;
    private final double[] representation;
    private final int[] representationShape;
    private final RandomSource random;
    private long step;

    Context(int tasks, int dim, int repRows, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      pristine = new double[3][tasks][dim];
      losses = new double[3][tasks];
      for (int s = 0; s < 3; s++) {
        for (int t = 0; t < tasks; t++) {
          losses[s][t] = r.nextDouble(0.2, 3);
          for (int i = 0; i < dim; i++) pristine[s][t][i] = r.nextGaussian();
        }
      }
      gradients = new double[3][tasks][];
      for (int s = 0; s < 3; s++) for (int t = 0; t < tasks; t++) gradients[s][t] = pristine[s][t].clone();
      shared = new double[dim];
      history = new double[tasks][3];
      for (double[] h : history) for (int e = 0; e < 3; e++) h[e] = r.nextDouble(0.5, 2);
      representation = new double[dim];
      for (int i = 0; i < dim; i++) representation[i] = r.nextGaussian();
      representationShape = new int[] {repRows, dim / repRows};
      random = RandomSource.seeded(seed);
    }

    /** Puts back the gradients a method may have modified in place (only the samples it asked for). */
    void restore() {
      for (int s = 0; s < 3; s++) {
        if (handedOut[s]) {
          for (int t = 0; t < gradients[s].length; t++) {
            System.arraycopy(pristine[s][t], 0, gradients[s][t], 0, shared.length);
          }
          handedOut[s] = false;
        }
      }
    }

    public int taskCount() {
      return losses[0].length;
    }

    public double[] losses(int sample) {
      return losses[sample].clone();
    }

    public double[][] taskGradients(int sample) {
      handedOut[sample] = true;
      return gradients[sample];
    }

    public double[] sharedGradient() {
      return shared;
    }

    public long step() {
      return step;
    }

    public int epoch() {
      return 2;
    }

    public double[][] lossHistory() {
      return history;
    }

    public RandomSource random() {
      return random;
    }

    public double[] representation() {
      return representation;
    }

    public int[] representationShape() {
      return representationShape.clone();
    }
  }
}
