package io.mtl4j.metrics;

import static io.mtl4j.metrics.MetricFixtures.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
  private static final double TOL = 1e-12; // all inputs are exact in float32
  private static final LabelKind REGRESSION = LabelKind.REGRESSION;

  // errors 0.5, 0.5, 0, 1 (the last row is masked with an error of 100)
  private static final float[] P = {2.5f, 0.0f, 2.0f, 8.0f, 100f};
  private static final float[] Y = {3.0f, -0.5f, 2.0f, 7.0f, 0f};
  private static final float[] MASK = {1, 1, 1, 1, 0};

  private static double regression(String metric) {
    return value(metric, REGRESSION, P, Y, MASK, 1);
  }

  @Test
  void errorsAverageOverValidRows() {
    assertThat(regression("mse")).isCloseTo(1.5 / 4, within(TOL));
    assertThat(regression("rmse")).isCloseTo(Math.sqrt(1.5 / 4), within(TOL));
    assertThat(regression("mae")).isCloseTo(2.0 / 4, within(TOL));
  }

  @Test
  void r2ComparesResidualsWithTheLabelVariance() {
    // mean 2.875; SS_tot = 0.125² + 3.375² + 0.875² + 4.125² = 29.1875; SS_res = 1.5
    assertThat(regression("r2")).isCloseTo(1 - 1.5 / 29.1875, within(TOL));
  }

  @Test
  void r2IsOneForAPerfectPredictorAndZeroForTheMean() {
    float[] y = {3.0f, -0.5f, 2.0f, 7.0f};
    assertThat(value("r2", REGRESSION, y.clone(), y, 1)).isEqualTo(1.0);
    float[] mean = {2.875f, 2.875f, 2.875f, 2.875f};
    assertThat(value("r2", REGRESSION, mean, y, 1)).isCloseTo(0.0, within(TOL));
    float[] worse = {7.0f, 2.0f, -0.5f, 3.0f};
    assertThat(value("r2", REGRESSION, worse, y, 1)).isNegative();
  }

  @Test
  void r2OfConstantLabelsIsOneWhenExactElseZero() {
    float[] y = {2, 2, 2};
    assertThat(value("r2", REGRESSION, new float[] {2, 2, 2}, y, 1)).isEqualTo(1.0);
    assertThat(value("r2", REGRESSION, new float[] {2, 2, 3}, y, 1)).isEqualTo(0.0);
  }
}
