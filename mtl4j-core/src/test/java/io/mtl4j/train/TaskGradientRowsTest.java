package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskGradientRowsTest {

  @ParameterizedTest
  @CsvSource({"1, 2, 1", "2, 3, 2047", "3, 2, 2049", "4, 5, 9000"})
  void gramAndCombinationMatchPlainDoubleLoops(long seed, int tasks, int width) {
    SplittableRandom random = new SplittableRandom(seed);
    float[][] rows = new float[tasks][width];
    for (float[] row : rows) for (int i = 0; i < width; i++) row[i] = (float) random.nextGaussian();
    int from = width / 3, to = width;
    double[][] gram = new double[tasks][tasks];
    TaskGradientRows.gram(rows, from, to, gram);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j <= i; j++) {
        double expected = 0;
        for (int k = from; k < to; k++) expected += (double) rows[i][k] * rows[j][k];
        assertThat(gram[i][j]).isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
      }
    }
    double[] beta = random.doubles(tasks, -2, 2).toArray();
    float[] out = new float[width + 3];
    TaskGradientRows.combine(rows, beta, out, 3);
    for (int k = 0; k < width; k++) {
      double expected = 0;
      for (int t = 0; t < tasks; t++) expected += beta[t] * rows[t][k];
      assertThat(out[3 + k]).isCloseTo((float) expected, within(1e-4f));
    }
  }
}
