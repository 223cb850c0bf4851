package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeastSquaresStatsTest {
  @ParameterizedTest
  @CsvSource({"1,1", "7,3", "130,5", "257,13", "600,300"})
  void tiledXtxEqualsTheNaiveProduct(int n, int d) {
    SplittableRandom rng = new SplittableRandom(n * 1000L + d);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    double[] g = LeastSquaresStats.xtx(x, n, d);
    for (int i = 0; i < d; i += Math.max(1, d / 17)) {
      for (int j = 0; j < d; j += Math.max(1, d / 13)) {
        double s = 0;
        for (int r = 0; r < n; r++) s += x[r * d + i] * x[r * d + j];
        assertThat(g[i * d + j]).isCloseTo(s, within(1e-9 * (1 + Math.abs(s))));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1,1", "7,3", "130,29", "300,260"})
  void simdAndScalarKernelsAgree(int n, int d) {
    org.junit.jupiter.api.Assumptions.assumeTrue(LeastSquaresStats.VECTOR, "JVM without jdk.incubator.vector: SIMD path unused");
    SplittableRandom rng = new SplittableRandom(n * 7L + d);
    double[] x = new double[n * d];
    for (int i = 0; i < x.length; i++) x[i] = rng.nextGaussian();
    double[] simd = LeastSquaresStats.vectorXtx(x, n, d);
    double[] scalar = LeastSquaresStats.scalarXtx(x, n, d);
    for (int i = 0; i < simd.length; i++) assertThat(simd[i]).isCloseTo(scalar[i], within(1e-9 * (1 + Math.abs(scalar[i]))));
    int[] js = {0, d - 1, d / 2};
    double[][] a = LeastSquaresStats.columnsOf(x, 0, n, d, js);
    double[][] b = LeastSquaresStats.scalarColumnsOf(x, 0, n, d, js);
    double[][] y = new double[5][n];
    for (double[] row : y) for (int i = 0; i < n; i++) row[i] = rng.nextGaussian();
    double[][] c = LeastSquaresStats.sharedXty(x, y, n, d);
    double[][] e = LeastSquaresStats.scalarSharedXty(x, y, n, d);
    for (int k = 0; k < js.length; k++) {
      for (int q = 0; q < d; q++) assertThat(a[k][q]).isCloseTo(b[k][q], within(1e-9 * (1 + Math.abs(b[k][q]))));
    }
    for (int t = 0; t < 5; t++) {
      for (int q = 0; q < d; q++) assertThat(c[t][q]).isCloseTo(e[t][q], within(1e-9 * (1 + Math.abs(e[t][q]))));
    }
  }

  @ParameterizedTest
  @CsvSource({"5", "6"})
  void lazySharedXGramGivesTheSameLossAndGradient(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int d = LeastSquaresStats.LAZY_FEATURES + 9;
    double[][] x = new double[40][d];
    double[][] y = new double[40][3];
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < d; j++) x[i][j] = rng.nextGaussian();
      for (int t = 0; t < 3; t++) y[i][t] = rng.nextGaussian();
    }
    MultiTaskData data = MultiTaskData.sharedX(x, y);
    LeastSquaresStats gram = LeastSquaresStats.of(data);
    assertThat(gram.lazy()).isTrue();
    double[] w = new double[d * 3];
    for (int k = 0; k < 12; k++) w[rng.nextInt(w.length)] = rng.nextGaussian();
    double[] g = new double[w.length];
    double f = new LeastSquaresLoss(gram, 0.5).evaluate(w, null, g, null);
    double[] expected = Problems.leastSquaresGradient(data, w, 0.5);
    for (int i = 0; i < w.length; i++) assertThat(g[i]).isCloseTo(expected[i], within(1e-9 * (1 + Math.abs(expected[i]))));
    double direct = 0;
    for (int t = 0; t < 3; t++) {
      for (int i = 0; i < 40; i++) {
        double r = -y[i][t];
        for (int j = 0; j < d; j++) r += x[i][j] * w[t * d + j];
        direct += 0.5 * r * r;
      }
    }
    assertThat(f).isCloseTo(direct, within(1e-9 * direct));
    // The materialised matrix agrees with the columns it was built from.
    double[] full = gram.g(0);
    assertThat(full[3 * d + 5]).isCloseTo(full[5 * d + 3], within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({"3", "4"})
  void leastSquaresValueAndGradientMatchTheRows(long seed) {
    MultiTaskData data = Problems.regression(seed, 3, 4, 5, 9);
    double[] w = Problems.gaussian(new SplittableRandom(seed), 12);
    LeastSquaresLoss loss = new LeastSquaresLoss(LeastSquaresStats.of(data), 0.5);
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
