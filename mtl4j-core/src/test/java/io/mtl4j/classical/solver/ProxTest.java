package io.mtl4j.classical.solver;

import io.mtl4j.linalg.Linalg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every prox output Z minimises τΩ(Z) + ||Z − V||²/2: no random perturbation of Z does better (the objective is
 * convex, so a local check is a global one), and the returned value is Ω(Z).
 */
class ProxTest {
  private static final int D = 5;
  private static final int T = 4;

  static LongStream seeds() {
    return LongStream.range(1, 9);
  }

  private interface Op {
    double apply(double[] v, double tau, double[] out);
  }

  private static void assertIsProx(long seed, Op op, ToDoubleFunction<double[]> omega, double tau) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[D * T];
    for (int i = 0; i < v.length; i++) v[i] = 2 * rng.nextGaussian();
    double[] z = new double[v.length];
    double returned = op.apply(v, tau, z);
    assertThat(returned).as("returned Ω(Z)").isCloseTo(omega.applyAsDouble(z), within(1e-10));
    double best = tau * omega.applyAsDouble(z) + halfSq(z, v);
    for (int k = 0; k < 300; k++) {
      double[] p = z.clone();
      double size = k % 3 == 0 ? 1e-3 : k % 3 == 1 ? 1e-1 : 1;
      for (int i = 0; i < p.length; i++) {
        if (rng.nextInt(3) == 0) p[i] += size * rng.nextGaussian();
      }
      assertThat(tau * omega.applyAsDouble(p) + halfSq(p, v)).isGreaterThanOrEqualTo(best - 1e-12);
    }
  }

  private static double halfSq(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (a[i] - b[i]);
    return s / 2;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void softThresholdMinimisesL1Prox(long seed) {
    assertIsProx(seed, (v, tau, out) -> Prox.l1(v, tau, out, 0, v.length), z -> {
      double s = 0;
      for (double x : z) s += Math.abs(x);
      return s;
    }, 1.3);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rowGroupShrinkMinimisesL21Prox(long seed) {
    assertIsProx(seed, (v, tau, out) -> Prox.rowGroups(v, tau, out, 0, D, T), ProxTest::rowGroupNorm, 2.5);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void columnGroupShrinkMinimisesColumnProx(long seed) {
    assertIsProx(seed, (v, tau, out) -> Prox.columnGroups(v, tau, out, 0, D, T), z -> {
      double s = 0;
      for (int t = 0; t < T; t++) {
        double q = 0;
        for (int j = 0; j < D; j++) q += z[t * D + j] * z[t * D + j];
        s += Math.sqrt(q);
      }
      return s;
    }, 3.0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void rowLinfProxMinimisesL1InfProx(long seed) {
    assertIsProx(seed, (v, tau, out) -> Prox.rowLinf(v, tau, out, 0, D, T), z -> {
      double s = 0;
      for (int j = 0; j < D; j++) {
        double m = 0;
        for (int t = 0; t < T; t++) m = Math.max(m, Math.abs(z[t * D + j]));
        s += m;
      }
      return s;
    }, 2.0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void singularValueThresholdMinimisesTraceProx(long seed) {
    assertIsProx(seed, (v, tau, out) -> Prox.trace(v, tau, out, 0, D, T, null),
        z -> {
          double s = 0;
          for (double x : Linalg.svd(z.clone(), D, T).s()) s += x;
          return s;
        }, 2.0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void squaredTraceProxMinimisesItsObjective(long seed) {
    assertIsProx(seed, (v, tau, out) -> Prox.squaredTrace(v, tau, out, 0, D, T),
        z -> {
          double s = 0;
          for (double x : Linalg.svd(z.clone(), D, T).s()) s += x;
          return 0.5 * s * s;
        }, seed % 2 == 0 ? 0.2 : 3.0);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void l1BallProjectionIsFeasibleAndClosest(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[7];
    for (int i = 0; i < v.length; i++) v[i] = 3 * rng.nextGaussian();
    double radius = 2.0;
    double[] p = new double[v.length];
    Prox.projectL1Ball(v, radius, p);
    double l1 = 0;
    for (double x : p) l1 += Math.abs(x);
    assertThat(l1).isLessThanOrEqualTo(radius + 1e-12);
    double dist = halfSq(p, v);
    for (int k = 0; k < 500; k++) {
      double[] q = new double[v.length];
      double s = 0;
      for (int i = 0; i < q.length; i++) {
        q[i] = p[i] + 0.3 * rng.nextGaussian();
        s += Math.abs(q[i]);
      }
      if (s > radius) for (int i = 0; i < q.length; i++) q[i] *= radius / s;
      assertThat(halfSq(q, v)).isGreaterThanOrEqualTo(dist - 1e-12);
    }
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void traceProxShrinksEverySingularValueByTau(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[D * T];
    for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
    double[] before = Linalg.svd(v.clone(), D, T).s();
    double[] shrunk = new double[T];
    double[] out = new double[v.length];
    Prox.trace(v, 0.7, out, 0, D, T, shrunk);
    double[] after = Linalg.svd(out, D, T).s();
    for (int k = 0; k < T; k++) {
      assertThat(after[k]).isCloseTo(Math.max(before[k] - 0.7, 0), within(1e-10));
      assertThat(shrunk[k]).isCloseTo(after[k], within(1e-10));
    }
  }

  private static double rowGroupNorm(double[] z) {
    double s = 0;
    for (int j = 0; j < D; j++) {
      double q = 0;
      for (int t = 0; t < T; t++) q += z[t * D + j] * z[t * D + j];
      s += Math.sqrt(q);
    }
    return s;
  }
}
