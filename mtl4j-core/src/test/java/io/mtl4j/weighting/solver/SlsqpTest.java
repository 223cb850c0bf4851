package io.mtl4j.weighting.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SlsqpTest {
  private static final double NONE = Double.NaN;

  @Test
  void solvesAnInequalityConstrainedQuadratic() {
    // min (x-1)² + (y-2.5)² s.t. x-2y+2 ≥ 0, -x-2y+6 ≥ 0, -x+2y+2 ≥ 0, x,y ≥ 0: optimum (1.4, 1.7).
    Slsqp.Problem p = new Slsqp.Problem(
        x -> (x[0] - 1) * (x[0] - 1) + (x[1] - 2.5) * (x[1] - 2.5),
        x -> new double[0],
        x -> new double[] {x[0] - 2 * x[1] + 2, -x[0] - 2 * x[1] + 6, -x[0] + 2 * x[1] + 2},
        new double[] {0, 0}, new double[] {NONE, NONE});
    Slsqp.Result r = Slsqp.minimize(p, new double[] {2, 0}, Slsqp.Options.DEFAULTS);
    assertThat(r.success()).isTrue();
    assertThat(r.x()).containsExactly(new double[] {1.4, 1.7}, within(1e-6));
  }

  @Test
  void solvesAnEqualityConstrainedQuadraticWithBounds() {
    Slsqp.Problem p = new Slsqp.Problem(
        x -> x[0] * x[0] + 2 * x[1] * x[1] + 3 * x[2] * x[2],
        x -> new double[] {x[0] + x[1] + x[2] - 1},
        x -> new double[0],
        new double[] {0, 0, 0}, new double[] {1, 1, 1});
    Slsqp.Result r = Slsqp.minimize(p, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, Slsqp.Options.DEFAULTS);
    // Lagrange: 2x = 4y = 6z → (6, 3, 2)/11.
    assertThat(r.success()).isTrue();
    assertThat(r.x()).containsExactly(new double[] {6 / 11.0, 3 / 11.0, 2 / 11.0}, within(1e-6));
    assertThat(r.evaluations()).isGreaterThan(r.iterations());
  }

  @Test
  void stopsWithTheIterationLimit() {
    Slsqp.Problem p = new Slsqp.Problem(
        x -> 100 * Math.pow(x[1] - x[0] * x[0], 2) + Math.pow(1 - x[0], 2),
        x -> new double[0], x -> new double[0],
        new double[] {-5, -5}, new double[] {5, 5});
    Slsqp.Result r = Slsqp.minimize(p, new double[] {-1.2, 1}, new Slsqp.Options(1e-6, 3, 1.4901161193847656e-8));
    assertThat(r.status()).isEqualTo(Slsqp.Status.ITERATION_LIMIT);
    assertThat(r.iterations()).isEqualTo(3);
  }

  @Test
  void rejectsMismatchedBounds() {
    assertThatThrownBy(() -> new Slsqp.Problem(x -> 0, x -> new double[0], x -> new double[0],
        new double[2], new double[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower has 2");
    assertThatThrownBy(() -> new Slsqp.Options(0, 100, 1e-8)).hasMessageContaining("ftol: 0.0");
    Slsqp.Problem unbounded = new Slsqp.Problem(x -> x[0] * x[0], x -> new double[] {x[0] - 1}, x -> new double[0],
        new double[] {NONE}, new double[] {NONE});
    assertThatThrownBy(() -> Slsqp.minimize(unbounded, new double[] {0}, Slsqp.Options.DEFAULTS))
        .hasMessageContaining("needs a finite bound or an inequality constraint");
  }
}
