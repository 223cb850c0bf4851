package io.mtl4j.weighting.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReciprocalSystemTest {

  static Stream<Arguments> systems() {
    return Stream.of(0.5, 1.0, 2.0, 5.0).flatMap(alpha ->
        Stream.of(2, 3, 5).flatMap(t -> Stream.of(4, 17).map(d -> Arguments.of(alpha, t, d))));
  }

  @ParameterizedTest(name = "alpha={0}, T={1}, d={2}")
  @MethodSource("systems")
  void findsThePositiveRoot(double alpha, int tasks, int dim) {
    double[][] a = SolverFixtures.randomGram(31L * tasks + dim, tasks, dim);
    double[] start = new double[tasks];
    Arrays.fill(start, 1.0 / tasks);
    double[] w = ReciprocalSystem.solve(a, alpha, start);
    double[] r = ReciprocalSystem.residual(a, w, alpha);
    for (int i = 0; i < tasks; i++) {
      assertThat(w[i]).isPositive();
      assertThat(Math.abs(r[i])).isLessThanOrEqualTo(1e-12 * Math.pow(w[i], -1 / alpha));
    }
  }

  @Test
  void handlesOneGradientAThousandTimesLarger() {
    double[][] g = SolverFixtures.gaussian(new java.util.SplittableRandom(5), 3, 17);
    for (int k = 0; k < 17; k++) {
      g[0][k] *= 1000;
    }
    double[][] a = Gram.of(g);
    double[] w = ReciprocalSystem.solve(a, 1.0, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0});
    double[] r = ReciprocalSystem.residual(a, w, 1.0);
    for (int i = 0; i < 3; i++) {
      assertThat(Math.abs(r[i]) * w[i]).isLessThan(1e-12);
    }
  }

  @Test
  void rejectsANonPositiveExponent() {
    assertThatThrownBy(() -> ReciprocalSystem.solve(new double[][] {{1}}, 0.0, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha: 0.0");
  }
}
