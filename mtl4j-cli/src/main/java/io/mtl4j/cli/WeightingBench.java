package io.mtl4j.cli;

import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import io.mtl4j.weighting.Weightings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The cost of each weighting's combine step alone: random per-task gradients [T, d] (seeded), the method's own
 * state carried from step to step. One JSON line per method and task count.
 */
@Command(name = "weighting", mixinStandardHelpOptions = true,
    description = "Time each weighting method's combine step on random gradients.")
final class WeightingBench implements Callable<Integer> {
  @Option(names = "--tasks", split = ",", defaultValue = "2,5,10") int[] tasks;
  @Option(names = "--dim", defaultValue = "1000000", description = "shared gradient length d") int dim;
  @Option(names = "--steps", defaultValue = "10") int steps;
  @Option(names = "--methods", split = ",", description = "methods to time (default: all registered)") List<String> methods;

  @Override
  public Integer call() {
    if (dim < 1 || steps < 1) throw new IllegalArgumentException("--dim and --steps must be ≥ 1");
    List<String> names = methods == null ? new ArrayList<>(Weightings.names()) : methods;
    for (int t : tasks) {
      if (t < 2) throw new IllegalArgumentException("--tasks " + t + ": expected ≥ 2");
      Context ctx = new Context(t, dim, 5);
      for (String name : names) {
        Weighting method = Weightings.create(name);
        ctx.reset();
        ctx.step = 0;
        method.combine(ctx); // warm-up, also initialises lazily created state
        long start = System.nanoTime();
        for (int s = 1; s <= steps; s++) {
          ctx.step = s;
          method.combine(ctx);
        }
        double ms = (System.nanoTime() - start) / 1e6 / steps;
        System.out.printf(Locale.ROOT, "{\"workload\":\"weighting-combine\",\"method\":\"%s\",\"tasks\":%d,\"dim\":%d,"
            + "\"ms_per_step\":%.3f}%n", name, t, dim, ms);
      }
    }
    return 0;
  }

  /** Random gradients and losses, three loss samples (MoDo, SDMGrad), a loss history and a representation. */
  private static final class Context implements WeightingContext {
    private final double[][][] gradients;
    private final double[][] losses;
    private final double[] shared;
    private final double[][] history;
    private final double[] representation;
    private final RandomSource random;
    private long step;

    Context(int tasks, int dim, long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      gradients = new double[3][tasks][dim];
      losses = new double[3][tasks];
      for (int s = 0; s < 3; s++) {
        for (int t = 0; t < tasks; t++) {
          losses[s][t] = r.nextDouble(0.2, 3);
          for (int i = 0; i < dim; i++) gradients[s][t][i] = r.nextGaussian();
        }
      }
      shared = new double[dim];
      history = new double[tasks][3];
      for (double[] h : history) for (int e = 0; e < 3; e++) h[e] = r.nextDouble(0.5, 2);
      representation = new double[dim];
      for (int i = 0; i < dim; i++) representation[i] = r.nextGaussian();
      random = RandomSource.seeded(seed);
    }

    void reset() {
      java.util.Arrays.fill(shared, 0);
    }

    public int taskCount() {
      return losses[0].length;
    }

    public double[] losses(int sample) {
      return losses[sample].clone();
    }

    public double[][] taskGradients(int sample) {
      return gradients[sample]; // methods may modify in place: timing, not values, matters here
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
      return new int[] {1, representation.length};
    }
  }
}
