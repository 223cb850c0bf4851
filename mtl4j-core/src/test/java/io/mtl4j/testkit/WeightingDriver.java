package io.mtl4j.testkit;

import io.mtl4j.weighting.LearnableParameters;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import java.util.SplittableRandom;

/** Drives a {@link Weighting} the way the trainer does, for tests; inputs are seeded random fixtures. */
public final class WeightingDriver {
  private WeightingDriver() {}

  /**
   * The shared-parameter update a step produces: Σ_t m_t·g_t of loss sample 0 for LOSSES methods (m =
   * lossScales, ones when null), else what the method wrote into the context.
   */
  public static double[] update(Weighting method, StepWeights weights, WeightingContext ctx) {
    if (method.requirements().needs() != Weighting.Needs.LOSSES) {
      return ctx.sharedGradient().clone();
    }
    double[][] g = ctx.taskGradients(0);
    double[] m = weights.lossScales();
    double[] out = new double[g[0].length];
    for (int t = 0; t < g.length; t++) {
      double scale = m == null ? 1.0 : m[t];
      for (int k = 0; k < out.length; k++) {
        out[k] += scale * g[t][k];
      }
    }
    return out;
  }

  /**
   * Runs one step like the trainer: combine, an SGD step (rate {@code learningRate}) on the method's learnable
   * parameters, and {@code afterStep} with {@code lossesAfter} when asked for. Returns the update.
   */
  public static double[] step(Weighting method, WeightingContext ctx, double learningRate, double[] lossesAfter) {
    StepWeights weights = method.combine(ctx);
    double[] update = update(method, weights, ctx);
    LearnableParameters p = method.learnable(ctx.taskCount());
    if (p.hasGradient()) {
      for (int i = 0; i < p.size(); i++) {
        p.values()[i] -= learningRate * p.gradients()[i];
      }
    }
    if (method.requirements().lossesAfterStep()) {
      method.afterStep(lossesAfter);
    }
    return update;
  }

  /** Seeds 1…10 for seeded parameterized tests: {@code @MethodSource("io.mtl4j.testkit.WeightingDriver#seeds")}. */
  public static java.util.stream.LongStream seeds() {
    return java.util.stream.LongStream.rangeClosed(1, 10);
  }

  /**
   * One step on {@link #conflictingGradients} with {@link #losses} drawn after them from {@code random}; the
   * gradients are {@code taskGradients(0)} of the returned context.
   */
  public static ReplayContext conflictingStep(SplittableRandom random, int tasks, int dim) {
    double[][] grads = conflictingGradients(random, tasks, dim);
    return ReplayContext.of(losses(random, tasks), grads);
  }

  /**
   * T strongly conflicting gradients [T][d]: g_t = ±(1 + t/2)·b + 0.3·noise with alternating signs, b a random
   * unit-variance direction.
   */
  public static double[][] conflictingGradients(SplittableRandom random, int tasks, int dim) {
    double[] base = gaussians(random, dim);
    double[][] g = new double[tasks][dim];
    for (int t = 0; t < tasks; t++) {
      double sign = t % 2 == 0 ? 1.0 : -1.0;
      for (int k = 0; k < dim; k++) {
        g[t][k] = sign * (1.0 + 0.5 * t) * base[k] + 0.3 * random.nextGaussian();
      }
    }
    return g;
  }

  /** Losses uniform in [0.2, 3). */
  public static double[] losses(SplittableRandom random, int tasks) {
    double[] l = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      l[t] = random.nextDouble(0.2, 3.0);
    }
    return l;
  }

  /** T independent N(0, 1) gradients [T][d], drawn row by row. */
  public static double[][] gaussianGradients(SplittableRandom random, int tasks, int dim) {
    double[][] g = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      g[t] = gaussians(random, dim);
    }
    return g;
  }

  public static double[] gaussians(SplittableRandom random, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  public static double dot(double[] a, double[] b) {
    double s = 0.0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  public static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
