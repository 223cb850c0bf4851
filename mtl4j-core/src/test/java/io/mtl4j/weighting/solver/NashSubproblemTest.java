package io.mtl4j.weighting.solver;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.linalg.Linalg;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NashSubproblemTest {

  static Stream<Arguments> problems() {
    return Stream.of(2, 3, 5).flatMap(t -> Stream.of(3, 17).flatMap(d ->
        Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(seed * 1000 + t * 100 + d, t, d))));
  }

  static java.util.stream.LongStream seeds() {
    return java.util.stream.LongStream.rangeClosed(1, 200);
  }

  /**
   * For T = 2 the recession cone {d ≥ 0, G d ≥ 0} has two extreme rays, the unit vectors when G₁₂ ≥ 0, else
   * (G₂₂, -G₁₂) and (-G₁₂, G₁₁); the subproblem is unbounded exactly when the cost is negative along one of them.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void detectsUnboundednessExactlyWhenACostRayIsNegative(long seed) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    double[][] grads = new double[2][4];
    for (double[] row : grads) {
      for (int j = 0; j < row.length; j++) {
        row[j] = random.nextGaussian();
      }
    }
    double[][] gram = Gram.of(grads);
    double[] cost = {random.nextGaussian(), random.nextGaussian()};
    double[][] rays = gram[0][1] >= 0 ? new double[][] {{1, 0}, {0, 1}}
        : new double[][] {{gram[1][1], -gram[0][1]}, {-gram[0][1], gram[0][0]}};
    boolean negativeRay = Gram.dot(cost, rays[0]) < 0 || Gram.dot(cost, rays[1]) < 0;
    assertThat(NashSubproblem.unbounded(gram, cost)).isEqualTo(negativeRay);
  }

  @ParameterizedTest(name = "seed {0}: T={1}, d={2}")
  @MethodSource("problems")
  void satisfiesTheKktConditions(long seed, int tasks, int dim) {
    double[][] gram = SolverFixtures.randomGram(seed, tasks, dim);
    double nu = frobenius(gram);
    double[][] normalized = scaled(gram, 1 / nu);
    double[] previous = new double[tasks];
    Arrays.fill(previous, 1.0);
    Optional<double[]> solved = NashSubproblem.solve(normalized, nu, previous);
    if (solved.isEmpty()) {
      // Only when 0 is in the convex hull of the gradients (checked against the exact min-norm point).
      assertThat(SolverFixtures.exactMinNorm(gram)).isLessThan(1e-9 * frobenius(gram));
      return;
    }
    double[] a = solved.get();
    double[] ga = Gram.times(normalized, a);
    double[] cost = cost(normalized, nu, previous);
    // Stationarity: cost = Σ λ_k ∇h_k with λ ≥ 0 over the active constraints h_k = log(ν a_k) + log((G a)_k) = 0.
    int[] active = java.util.stream.IntStream.range(0, tasks)
        .filter(k -> Math.log(nu * a[k]) + Math.log(ga[k]) < 1e-7).toArray();
    double[][] jac = new double[active.length][tasks];
    for (int r = 0; r < active.length; r++) {
      int k = active[r];
      for (int j = 0; j < tasks; j++) {
        jac[r][j] = normalized[k][j] / ga[k];
      }
      jac[r][k] += 1 / a[k];
    }
    double[] lambda = Linalg.solve(Gram.of(jac), Gram.times(jac, cost));
    double[] fitted = new double[tasks];
    for (int r = 0; r < active.length; r++) {
      assertThat(lambda[r]).isGreaterThan(-1e-9);
      for (int j = 0; j < tasks; j++) {
        fitted[j] += lambda[r] * jac[r][j];
      }
    }
    for (int j = 0; j < tasks; j++) {
      assertThat(Math.abs(fitted[j] - cost[j])).isLessThan(1e-7 * Gram.norm(cost));
      assertThat(Math.log(nu * a[j]) + Math.log(ga[j])).isGreaterThan(-1e-10);
    }
  }

  @Test
  void reportsNoSolutionForOpposedGradients() {
    double[] g = new double[] {1, 2, -1};
    double[][] gram = Gram.of(new double[][] {g, {-1, -2, 1}});
    double nu = frobenius(gram);
    assertThat(NashSubproblem.solve(scaled(gram, 1 / nu), nu, new double[] {1, 1})).isEmpty();
  }

  @Test
  void findsAStartWhenThePreviousIterateIsInfeasible() {
    // Conflicting gradients whose G·1 has a negative entry: the phase-one QP must find a strictly feasible point.
    double[][] grads = {{1, 0}, {-0.9, 0.5}, {-0.9, 0.6}};
    double[][] gram = Gram.of(grads);
    double nu = frobenius(gram);
    double[][] normalized = scaled(gram, 1 / nu);
    assertThat(Arrays.stream(Gram.times(normalized, new double[] {1, 1, 1})).min().orElseThrow()).isNegative();
    Optional<double[]> solved = NashSubproblem.solve(normalized, nu, new double[] {1, 1, 1});
    assertThat(solved).isPresent();
  }

  private static double[] cost(double[][] g, double nu, double[] previous) {
    int n = previous.length;
    double[] gp = Gram.times(g, previous);
    double[] inv = new double[n];
    for (int i = 0; i < n; i++) {
      inv[i] = 1 / gp[i];
    }
    double[] ginv = Gram.times(g, inv);
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i] += g[j][i];
      }
      c[i] += (1 / previous[i] + ginv[i]) / nu;
    }
    return c;
  }

  static double frobenius(double[][] m) {
    double s = 0;
    for (double[] row : m) {
      for (double v : row) {
        s += v * v;
      }
    }
    return Math.sqrt(s);
  }

  static double[][] scaled(double[][] m, double f) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] *= f;
      }
    }
    return out;
  }
}
