package io.mtl4j.classical.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MALSAR's stopping rule (tFlag = 1) and iteration cap, and that given room the loops reach the optimum. */
class MalsarApgTest {
  private static void assertStopsAtFirstRelativeChangeBelowTol(double[] f, int firstChecked, double tol) {
    int last = f.length - 1;
    assertThat(Math.abs(f[last] - f[last - 1])).isLessThanOrEqualTo(tol * f[last - 1]);
    for (int k = firstChecked; k < last; k++) {
      assertThat(Math.abs(f[k] - f[k - 1])).as("no earlier stop at %d", k).isGreaterThan(tol * f[k - 1]);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-3, 1e-5})
  void gammaLoopStopsOnTheFirstSmallRelativeChange(double tol) {
    Lasso1 p = new Lasso1(3, 30, 15, 1.0);
    MalsarApg.Result r = MalsarApg.gammaFromOne(p, new double[15], tol, 10_000);
    assertThat(r.stoppedByTolerance()).isTrue();
    // MALSAR tests from its third objective value on (iter >= 2, zero-based).
    assertStopsAtFirstRelativeChangeBelowTol(r.objectives(), 2, tol);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1e-3, 1e-5})
  void lipschitzLoopStopsOnTheFirstSmallRelativeChange(double tol) {
    Lasso1 p = new Lasso1(4, 30, 15, 1.0);
    MalsarApg.Result r = MalsarApg.lipschitzFromData(p, new double[15], 1.0, tol, 10_000);
    assertThat(r.stoppedByTolerance()).isTrue();
    assertThat(r.objectives()[0]).as("F(x0) first").isCloseTo(p.smooth(new double[15], null), within(1e-12));
    // objectives[0] is F(x0); the test starts at iteration 2, i.e. index 2.
    assertStopsAtFirstRelativeChangeBelowTol(r.objectives(), 2, tol);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 50})
  void bothLoopsStopAtMaxIter(int maxIter) {
    Lasso1 p = new Lasso1(6, 40, 20, 0.1);
    MalsarApg.Result a = MalsarApg.gammaFromOne(p, new double[20], 1e-300, maxIter);
    MalsarApg.Result b = MalsarApg.lipschitzFromData(p, new double[20], 1.0, 1e-300, maxIter);
    assertThat(a.objectives()).hasSize(maxIter);
    assertThat(b.objectives()).hasSize(maxIter + 1);
    assertThat(a.stoppedByTolerance()).isFalse();
    assertThat(b.stoppedByTolerance()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(longs = {8, 9})
  void withRoomBothLoopsReachTheCertifiedOptimum(long seed) {
    Lasso1 p = new Lasso1(seed, 30, 12, 1.5);
    double optimum = Fista.minimize(p, new double[12], Fista.Options.defaults().withTolerance(1e-12)).objective();
    assertThat(MalsarApg.gammaFromOne(p, new double[12], 1e-15, 20_000).objective())
        .isCloseTo(optimum, within(1e-9 * optimum));
    assertThat(MalsarApg.lipschitzFromData(p, new double[12], 1.0, 1e-15, 20_000).objective())
        .isCloseTo(optimum, within(1e-9 * optimum));
  }
}
