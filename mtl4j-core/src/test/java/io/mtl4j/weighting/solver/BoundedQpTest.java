package io.mtl4j.weighting.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.linalg.Linalg;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BoundedQpTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 30);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void satisfiesTheKktConditions(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(6);
    double[][] q = positiveDefinite(random, n);
    double[] linear = new double[n];
    double[] lower = new double[n];
    for (int i = 0; i < n; i++) {
      linear[i] = random.nextGaussian();
      lower[i] = random.nextGaussian() * 0.5;
    }
    double[] v = BoundedQp.minimize(q, linear, lower);
    double[] grad = Gram.times(q, v);
    for (int i = 0; i < n; i++) {
      grad[i] += linear[i];
      assertThat(v[i]).isGreaterThanOrEqualTo(lower[i] - 1e-14);
      // Multiplier of the bound is the gradient: ≥ 0 on the bound, 0 off it.
      if (v[i] > lower[i] + 1e-12) {
        assertThat(grad[i]).isCloseTo(0.0, within(1e-11));
      } else {
        assertThat(grad[i]).isGreaterThanOrEqualTo(-1e-11);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void beatsEveryActiveSetCandidate(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 2 + random.nextInt(4);
    double[][] q = positiveDefinite(random, n);
    double[] lower = new double[n];
    lower[random.nextInt(n)] = 1.0 / n;
    double best = objective(q, BoundedQp.minimize(q, lower));
    // Enumerate all fixed sets: the bound-constrained optimum must be at least as good as any feasible candidate.
    for (int bits = 0; bits < (1 << n); bits++) {
      final int mask = bits;
      double[] v = lower.clone();
      int[] free = java.util.stream.IntStream.range(0, n).filter(i -> ((mask >> i) & 1) == 1).toArray();
      if (free.length > 0) {
        double[][] sub = new double[free.length][free.length];
        double[] rhs = new double[free.length];
        for (int a = 0; a < free.length; a++) {
          for (int b = 0; b < free.length; b++) {
            sub[a][b] = q[free[a]][free[b]];
          }
          for (int j = 0; j < n; j++) {
            if (((mask >> j) & 1) == 0) {
              rhs[a] -= q[free[a]][j] * lower[j];
            }
          }
        }
        double[] s = Linalg.solve(sub, rhs);
        for (int a = 0; a < free.length; a++) {
          v[free[a]] = s[a];
        }
      }
      boolean feasible = true;
      for (int i = 0; i < n; i++) {
        feasible &= v[i] >= lower[i];
      }
      if (feasible) {
        assertThat(best).isLessThanOrEqualTo(objective(q, v) + 1e-13);
      }
    }
  }

  private static double objective(double[][] q, double[] v) {
    return Gram.quadratic(v, q, v);
  }

  private static double[][] positiveDefinite(SplittableRandom random, int n) {
    double[][] a = SolverFixtures.gaussian(random, n, n + 2);
    double[][] q = Gram.of(a);
    for (int i = 0; i < n; i++) {
      q[i][i] += 1e-3;
    }
    return q;
  }
}
