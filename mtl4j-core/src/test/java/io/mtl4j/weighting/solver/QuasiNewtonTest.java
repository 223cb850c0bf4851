package io.mtl4j.weighting.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QuasiNewtonTest {

  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void rankOneUpdateMatchesTheDenseFormula(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = 1 + random.nextInt(5);
    // Start from a random LDLᵀ (positive D) and update with σ z zᵀ keeping the result positive definite.
    double[] packed = new double[n * (n + 1) / 2 + 1];
    int k = 0;
    for (int j = 0; j < n; j++) {
      for (int i = j; i < n; i++) {
        packed[k++] = i == j ? 0.5 + random.nextDouble() : random.nextGaussian() * 0.3;
      }
    }
    double[] z = new double[n + 1];
    for (int i = 0; i < n; i++) {
      z[i] = random.nextGaussian() * 0.3;
    }
    double sigma = random.nextBoolean() ? 0.7 : -0.2;
    double[][] before = dense(packed, n);
    double[] zCopy = z.clone();
    QuasiNewton.rankOneUpdate(packed, z, sigma, new double[n + 1]);
    double[][] after = dense(packed, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        assertThat(after[i][j]).isCloseTo(before[i][j] + sigma * zCopy[i] * zCopy[j], within(1e-12));
      }
    }
  }

  @Test
  void resetsToTheIdentityAndKeepsItPositiveDefiniteThroughDampedUpdates() {
    QuasiNewton b = new QuasiNewton(3);
    b.reset();
    assertThat(dense(b.factors(), 3)).isDeepEqualTo(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    // s·y < 0.2·sᵀBs: Powell's damping keeps B positive definite even for a step with negative curvature.
    double[] s = {1, 0.5, -0.25, 0};
    double[] y = {-1, 0.1, 0.3, 0};
    assertThat(b.update(s, y, new double[4])).isTrue();
    double[][] after = dense(b.factors(), 3);
    double[] v = {0.3, -1.2, 0.7};
    double quadratic = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        quadratic += v[i] * after[i][j] * v[j];
      }
    }
    assertThat(quadratic).isPositive();
  }

  /** L D Lᵀ from the packed column-wise storage (D on the diagonal, unit L below it). */
  private static double[][] dense(double[] packed, int n) {
    double[][] l = new double[n][n];
    double[] d = new double[n];
    int k = 0;
    for (int j = 0; j < n; j++) {
      for (int i = j; i < n; i++) {
        if (i == j) {
          d[j] = packed[k];
          l[j][j] = 1;
        } else {
          l[i][j] = packed[k];
        }
        k++;
      }
    }
    double[][] out = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int m = 0; m < n; m++) {
          out[i][j] += l[i][m] * d[m] * l[j][m];
        }
      }
    }
    return out;
  }
}
