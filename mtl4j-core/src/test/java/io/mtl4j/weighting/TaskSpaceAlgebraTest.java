package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import io.mtl4j.linalg.Linalg;
import io.mtl4j.weighting.solver.Gram;
import io.mtl4j.weighting.solver.MinNormSolver;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The methods that work on the Gram matrix instead of on [T, d] temporaries give the update of the direct
 * vector-space formulation (written out here as in the papers), on gradients longer than a Gram chunk.
 */
class TaskSpaceAlgebraTest {
  private static final int DIM = 2 * Gram.CHUNK + 901;
  private static final double RTOL = 1e-10;

  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(31L, 2), Arguments.of(32L, 3), Arguments.of(33L, 5), Arguments.of(34L, 8));
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void pcGradProjectsLikeTheVectorForm(long seed, int tasks) {
    double[][] g = gradients(seed, tasks);
    ReplayContext ctx = context(seed, g).withRandom(RandomSource.seeded(seed));
    StepWeights w = new PCGrad().combine(ctx);

    RandomSource random = RandomSource.seeded(seed);
    double[] expected = new double[DIM];
    double[] weights = Vectors.filled(tasks, 1.0);
    for (int i = 0; i < tasks; i++) {
      int[] order = PCGrad.identity(tasks);
      random.shuffle(order);
      double[] pc = g[i].clone();
      for (int j : order) {
        double gij = WeightingDriver.dot(pc, g[j]);
        if (gij < 0) {
          double c = gij / (WeightingDriver.dot(g[j], g[j]) + 1e-8);
          Vectors.axpy(-c, g[j], pc);
          weights[j] -= c;
        }
      }
      Vectors.axpy(1.0, pc, expected);
    }
    assertClose(ctx.sharedGradient(), expected, g);
    assertThat(w.reported()).containsExactly(weights, within(1e-12));
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void gradVacVaccinatesLikeTheVectorFormPerParameterBlock(long seed, int tasks) {
    int[] sizes = {1000, 37, DIM - 1037};
    GradVac method = new GradVac(new GradVac.Options(0.5, GradVac.Granularity.MATRIX));
    RandomSource draws = RandomSource.seeded(seed);
    RandomSource referenceDraws = RandomSource.seeded(seed);
    double[][][] targets = new double[tasks][tasks][sizes.length];
    for (int step = 0; step < 3; step++) { // later steps start from non-zero similarity targets
      double[][] g = gradients(seed + 100 * step, tasks);
      ReplayContext ctx = context(seed, g).withRandom(draws).withParameterSizes(sizes);
      method.combine(ctx);
      assertClose(ctx.sharedGradient(), vaccinated(g, sizes, targets, referenceDraws), g);
    }
    double[] rho = method.state().get("rho_T");
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        for (int k = 0; k < sizes.length; k++) {
          assertThat(rho[(i * tasks + j) * sizes.length + k]).isCloseTo(targets[i][j][k], within(1e-10));
        }
      }
    }
  }

  /** Eq. 4 of Wang et al. on the vectors, block by block, with LibMTL's EMA of the targets (β = 0.5). */
  private static double[] vaccinated(double[][] g, int[] sizes, double[][][] targets, RandomSource random) {
    int tasks = g.length;
    double[] shared = new double[DIM];
    for (int i = 0; i < tasks; i++) {
      double[] pc = g[i].clone();
      int[] others = new int[tasks - 1];
      for (int t = 0, n = 0; t < tasks; t++) {
        if (t != i) {
          others[n++] = t;
        }
      }
      random.shuffle(others);
      for (int j : others) {
        for (int k = 0, from = 0; k < sizes.length; from += sizes[k], k++) {
          int to = from + sizes[k];
          double pcNorm = Math.sqrt(rangeDot(pc, pc, from, to));
          double gNorm = Math.sqrt(rangeDot(g[j], g[j], from, to));
          double rho = rangeDot(pc, g[j], from, to) / (pcNorm * gNorm + 1e-8);
          double target = targets[i][j][k];
          if (rho < target) {
            double sin = Math.sqrt(1 - target * target);
            double w = pcNorm * (target * Math.sqrt(1 - rho * rho) - rho * sin) / (gNorm * sin + 1e-8);
            for (int p = from; p < to; p++) {
              pc[p] += w * g[j][p];
            }
          }
          targets[i][j][k] = 0.5 * target + 0.5 * rho;
        }
      }
      Vectors.axpy(1.0, pc, shared);
    }
    return shared;
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void imtlSolvesTheUnitVectorSystemOfTheScaledGradients(long seed, int tasks) {
    double[][] g = gradients(seed, tasks);
    SplittableRandom random = new SplittableRandom(seed);
    double[] s = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      s[t] = random.nextDouble(-1, 1);
    }
    IMTL method = new IMTL();
    method.learnable(tasks).setValues(s);
    ReplayContext ctx = context(seed, g);
    StepWeights w = method.combine(ctx);

    double[][] scaled = new double[tasks][];
    double[][] unit = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      scaled[t] = g[t].clone();
      for (int k = 0; k < DIM; k++) {
        scaled[t][k] *= Math.exp(s[t]);
      }
      unit[t] = scaled[t].clone();
      double norm = WeightingDriver.norm(scaled[t]);
      for (int k = 0; k < DIM; k++) {
        unit[t][k] /= norm;
      }
    }
    // α_{1..T−1} (D Uᵀ) = g_0 Uᵀ, i.e. (D Uᵀ)ᵀ αᵀ = (g_0 Uᵀ)ᵀ
    int n = tasks - 1;
    double[][] transposed = new double[n][n];
    double[] rhs = new double[n];
    for (int j = 0; j < n; j++) {
      double[] uj = difference(unit[0], unit[j + 1]);
      rhs[j] = WeightingDriver.dot(scaled[0], uj);
      for (int i = 0; i < n; i++) {
        transposed[j][i] = WeightingDriver.dot(difference(scaled[0], scaled[i + 1]), uj);
      }
    }
    double[] rest = Linalg.solve(transposed, rhs);
    double[] alpha = new double[tasks];
    alpha[0] = 1.0;
    for (int t = 1; t < tasks; t++) {
      alpha[t] = rest[t - 1];
      alpha[0] -= rest[t - 1];
    }
    assertThat(w.reported()).containsExactly(alpha, within(1e-9 * maxAbs(alpha)));
    assertClose(ctx.sharedGradient(), Gram.combine(alpha, scaled), scaled);
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void mgdaCombinesTheNormalisedGradients(long seed, int tasks) {
    double[][] g = gradients(seed, tasks);
    double[] losses = WeightingDriver.losses(new SplittableRandom(seed), tasks);
    ReplayContext ctx = ReplayContext.of(losses, g);
    new MGDA(new MGDA.Options(MGDA.Normalization.LOSS_PLUS)).combine(ctx);
    double[][] normalized = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      normalized[t] = g[t].clone();
      double scale = losses[t] * WeightingDriver.norm(g[t]);
      for (int k = 0; k < DIM; k++) {
        normalized[t][k] /= scale;
      }
    }
    double[] w = MinNormSolver.solve(Gram.of(normalized));
    assertClose(ctx.sharedGradient(), Gram.combine(w, normalized), normalized, 1e-8);
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void caGradAddsTheScaledWorstCaseDirectionToTheMean(long seed, int tasks) {
    double[][] g = gradients(seed, tasks);
    ReplayContext ctx = context(seed, g);
    StepWeights weights = new CAGrad().combine(ctx);
    double[] gw = Gram.combine(weights.reported(), g);
    double[][] gram = Gram.of(g);
    double mean = Arrays.stream(gram).flatMapToDouble(Arrays::stream).sum() / (tasks * tasks);
    double lambda = (0.5 * Math.sqrt(mean + 1e-8) + 1e-8) / (WeightingDriver.norm(gw) + 1e-8);
    double[] expected = new double[DIM];
    for (int k = 0; k < DIM; k++) {
      double sum = 0;
      for (double[] row : g) {
        sum += row[k];
      }
      expected[k] = (sum / tasks + lambda * gw[k]) / 1.25;
    }
    assertClose(ctx.sharedGradient(), expected, g);
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void nashMtlClipsTheCombinedGradientToTheMaximumNorm(long seed, int tasks) {
    double[][] g = gradients(seed, tasks);
    ReplayContext ctx = context(seed, g);
    StepWeights weights = Weightings.create("nash-mtl", Map.of("maxNorm", 0.5)).combine(ctx);
    double[] expected = Gram.combine(weights.reported(), g);
    double coefficient = 0.5 / (WeightingDriver.norm(expected) + 1e-6);
    assertThat(coefficient).as("the case clips").isLessThan(1.0);
    for (int k = 0; k < DIM; k++) {
      expected[k] *= coefficient;
    }
    assertClose(ctx.sharedGradient(), expected, expected);
  }

  @ParameterizedTest(name = "seed {0}, T={1}")
  @MethodSource("cases")
  void moCoTracksAndWeighsLikeTheVectorForm(long seed, int tasks) {
    MoCo method = new MoCo(MoCo.Options.DEFAULTS);
    double[][] tracker = new double[tasks][DIM];
    double[] lambda = Vectors.filled(tasks, 1.0 / tasks);
    for (int step = 1; step <= 3; step++) {
      double[][] g = gradients(seed + step, tasks);
      double[] losses = WeightingDriver.losses(new SplittableRandom(seed + step), tasks);
      ReplayContext ctx = ReplayContext.of(losses, g);
      method.combine(ctx);
      double beta = 0.5 / Math.sqrt(step);
      double gamma = 0.1 / Math.sqrt(step);
      for (int t = 0; t < tasks; t++) {
        double c = losses[t] / (WeightingDriver.norm(g[t]) + 1e-8);
        for (int k = 0; k < DIM; k++) {
          tracker[t][k] -= beta * (tracker[t][k] - c * g[t][k]);
        }
      }
      double[] next = new double[tasks];
      for (int i = 0; i < tasks; i++) {
        next[i] = lambda[i];
        for (int j = 0; j < tasks; j++) {
          next[i] -= gamma * WeightingDriver.dot(tracker[i], tracker[j]) * lambda[j];
        }
      }
      lambda = Vectors.softmax(next);
      assertClose(ctx.sharedGradient(), Gram.combine(lambda, tracker), tracker);
    }
  }

  private static void assertClose(double[] actual, double[] expected, double[][] scaleOf) {
    assertClose(actual, expected, scaleOf, RTOL);
  }

  /** Element-wise within rtol of the largest gradient entry (the golden files' rule for shared gradients). */
  private static void assertClose(double[] actual, double[] expected, double[][] scaleOf, double rtol) {
    double scale = maxAbs(expected);
    for (double[] row : scaleOf) {
      scale = Math.max(scale, maxAbs(row));
    }
    assertThat(actual).containsExactly(expected, within(rtol * scale));
  }

  private static void assertClose(double[] actual, double[] expected, double[] scaleOf) {
    assertClose(actual, expected, new double[][] {scaleOf});
  }

  private static double maxAbs(double[] v) {
    return Arrays.stream(v).map(Math::abs).max().orElse(0);
  }

  private static double[] difference(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      c[k] = a[k] - b[k];
    }
    return c;
  }

  private static double rangeDot(double[] a, double[] b, int from, int to) {
    double s = 0;
    for (int k = from; k < to; k++) {
      s += a[k] * b[k];
    }
    return s;
  }

  private static double[][] gradients(long seed, int tasks) {
    return WeightingDriver.conflictingGradients(new SplittableRandom(seed), tasks, DIM);
  }

  private static ReplayContext context(long seed, double[][] g) {
    return ReplayContext.of(WeightingDriver.losses(new SplittableRandom(seed + 7), g.length), g);
  }
}
