package io.mtl4j.classical.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FistaTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void stopsOnlyOnceTheKktResidualIsCertified(long seed) {
    Lasso1 p = new Lasso1(seed, 30, 12, 2.0);
    Fista.Result r = Fista.minimize(p, new double[12], Fista.Options.defaults().withTolerance(1e-10));
    assertThat(r.converged()).isTrue();
    double[] g = new double[12];
    p.smooth(r.x(), g);
    double[] g0 = new double[12];
    p.smooth(new double[12], g0);
    double scale = 1 + norm(g0);
    // Independent check of −∇f ∈ λ∂||x||₁ at the returned point.
    for (int j = 0; j < 12; j++) {
      if (r.x()[j] != 0) assertThat(g[j] + 2.0 * Math.signum(r.x()[j])).isCloseTo(0, within(1e-9 * scale));
      else assertThat(Math.abs(g[j])).isLessThanOrEqualTo(2.0 + 1e-9 * scale);
    }
    assertThat(r.residual()).isLessThanOrEqualTo(1e-10 * scale);
  }

  @Test
  void restartsAndMonotoneStepsReachTheSameOptimum() {
    Lasso1 p = new Lasso1(9, 25, 10, 1.0);
    Fista.Result withRestart = Fista.minimize(p, new double[10], Fista.Options.defaults().withTolerance(1e-11));
    Fista.Result plain = Fista.minimize(p, new double[10],
        new Fista.Options(1e-11, 100_000, Fista.Criterion.KKT_RESIDUAL, 1.0, false));
    for (int j = 0; j < 10; j++) assertThat(withRestart.x()[j]).isCloseTo(plain.x()[j], within(1e-8));
    assertThat(withRestart.objective()).isCloseTo(plain.objective(), within(1e-10));
  }

  @Test
  void reportsNotConvergedWhenTheIterationCapHits() {
    Lasso1 p = new Lasso1(5, 40, 20, 0.5);
    Fista.Result r = Fista.minimize(p, new double[20], Fista.Options.defaults().withTolerance(1e-14)
        .withMaxIterations(3));
    assertThat(r.converged()).isFalse();
    assertThat(r.iterations()).isEqualTo(3);
  }

  @Test
  void rejectsInvalidOptions() {
    assertThatThrownBy(() -> new Fista.Options(0, 10, Fista.Criterion.KKT_RESIDUAL, 1, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance = 0.0");
    assertThatThrownBy(() -> new Fista.Options(1e-6, 0, Fista.Criterion.KKT_RESIDUAL, 1, true))
        .hasMessageContaining("maxIterations = 0");
    assertThatThrownBy(() -> new Fista.Options(1e-6, 10, Fista.Criterion.KKT_RESIDUAL, 1.5, true))
        .hasMessageContaining("stepGrowth = 1.5");
  }

  static double norm(double[] v) {
    double s = 0;
    for (double x : v) s += x * x;
    return Math.sqrt(s);
  }
}
