package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GramTest {
  @ParameterizedTest
  @CsvSource({"1,1", "7,3", "130,5", "257,13", "600,300"})
  void tiledXtxEqualsTheNaiveProduct(int n, int d) {
    SplittableRandom rng = new SplittableRandom(n * 1000L + d);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    double[] g = Gram.xtx(x, n, d);
    for (int i = 0; i < d; i += Math.max(1, d / 17)) {
      for (int j = 0; j < d; j += Math.max(1, d / 13)) {
        double s = 0;
        for (int r = 0; r < n; r++) s += x[r * d + i] * x[r * d + j];
        assertThat(g[i * d + j]).isCloseTo(s, within(1e-9 * (1 + Math.abs(s))));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"3", "4"})
  void leastSquaresValueAndGradientMatchTheRows(long seed) {
    MultiTaskData data = Problems.regression(seed, 3, 4, 5, 9);
    double[] w = Problems.gaussian(new SplittableRandom(seed), 12);
    LeastSquaresLoss loss = new LeastSquaresLoss(Gram.of(data), 0.5);
    double[] g = new double[12];
    double f = loss.evaluate(w, null, g, null);
    double direct = 0;
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < data.rows(t); i++) {
        double r = -data.y(t)[i];
        for (int j = 0; j < 4; j++) r += data.row(t, i)[j] * w[t * 4 + j];
        direct += 0.5 * r * r;
      }
    }
    assertThat(f).isCloseTo(direct, within(1e-10 * direct));
    double[] expected = Problems.leastSquaresGradient(data, w, 0.5);
    for (int i = 0; i < 12; i++) assertThat(g[i]).isCloseTo(expected[i], within(1e-10));
  }
}
