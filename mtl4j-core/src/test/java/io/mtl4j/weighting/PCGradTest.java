package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import io.mtl4j.weighting.solver.Gram;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PCGradTest {
  /**
   * After a projection ⟨pc, g_j⟩ = g_ij·1e-8/(‖g_j‖² + 1e-8) (LibMTL's guard), slightly below 0, with
   * |g_ij| ≤ ‖g_i‖‖g_j‖ since projections never lengthen pc; plus rounding.
   */
  private static double slack(double[] gi, double[] gj) {
    double pcNorm = WeightingDriver.norm(gi);
    double gNorm = WeightingDriver.norm(gj);
    return 1.01e-8 * pcNorm / gNorm + 1e-12 * pcNorm * gNorm;
  }

  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of(11L, 2, 3), Arguments.of(12L, 2, 50), Arguments.of(13L, 3, 7),
        Arguments.of(14L, 4, 16), Arguments.of(15L, 5, 5), Arguments.of(16L, 6, 40), Arguments.of(17L, 8, 9));
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void leavesNoConflictWithTheLastGradientProjectedAgainst(long seed, int tasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = WeightingDriver.conflictingGradients(random, tasks, dim);
    for (int i = 0; i < tasks; i++) {
      int[] order = PCGrad.identity(tasks);
      RandomSource.seeded(seed + i).shuffle(order);
      double[] pc = projected(i, g, order);
      double[] last = g[order[tasks - 1]];
      assertThat(WeightingDriver.dot(pc, last)).isGreaterThanOrEqualTo(-slack(g[i], last));
    }
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void projectsAwayEveryConflictWithMutuallyOrthogonalGradients(long seed, int tasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    int d = Math.max(dim, tasks);
    double[][] g = orthogonalRows(random, tasks, d);
    // task 0 conflicts with every other task
    double[] conflicted = new double[d];
    for (int j = 1; j < tasks; j++) {
      Vectors.axpy(-(0.5 + random.nextDouble()), g[j], conflicted);
    }
    Vectors.axpy(0.3, WeightingDriver.gaussians(random, d), conflicted);
    g[0] = conflicted;
    int[] order = PCGrad.identity(tasks);
    RandomSource.seeded(seed).shuffle(order);
    double[] pc = projected(0, g, order);
    for (int j = 1; j < tasks; j++) {
      assertThat(WeightingDriver.dot(pc, g[j])).as("<pc_0, g_%d>", j).isGreaterThanOrEqualTo(-slack(g[0], g[j]));
    }
  }

  @ParameterizedTest(name = "seed {0}, d={2}")
  @MethodSource("shapes")
  void combinedUpdateOfTwoTasksConflictsWithNeither(long seed, int ignoredTasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = WeightingDriver.conflictingGradients(random, 2, dim);
    assertThat(WeightingDriver.dot(g[0], g[1])).isNegative();
    ReplayContext ctx = ReplayContext.of(WeightingDriver.losses(random, 2), g).withRandom(RandomSource.seeded(seed));
    new PCGrad().combine(ctx);
    double[] update = ctx.sharedGradient();
    for (double[] gj : g) {
      assertThat(WeightingDriver.dot(update, gj)).isGreaterThanOrEqualTo(-slack(g[0], gj) - slack(g[1], gj));
    }
  }

  /** pc_i as a vector: PCGrad's coefficients over the g's, from their Gram matrix, applied to the g's. */
  private static double[] projected(int i, double[][] g, int[] order) {
    return Gram.combine(PCGrad.project(i, Gram.of(g), order, new double[g.length]), g);
  }

  /** Rows 1..T−1 mutually orthogonal (Gram-Schmidt on Gaussian rows, random lengths); row 0 left zero. */
  private static double[][] orthogonalRows(SplittableRandom random, int tasks, int d) {
    double[][] g = new double[tasks][];
    g[0] = new double[d];
    for (int j = 1; j < tasks; j++) {
      double[] v = WeightingDriver.gaussians(random, d);
      for (int k = 1; k < j; k++) {
        Vectors.axpy(-WeightingDriver.dot(v, g[k]) / WeightingDriver.dot(g[k], g[k]), g[k], v);
      }
      g[j] = v;
    }
    return g;
  }
}
