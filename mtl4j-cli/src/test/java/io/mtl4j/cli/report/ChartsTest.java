package io.mtl4j.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartsTest {
  /** A cell one rounding step below the largest (a co-cluster value of 1 − 2⁻⁵³) once indexed past XChart's colours. */
  @ParameterizedTest
  @ValueSource(doubles = {-1, 0.25})
  void drawsAHeatmapWhoseCellsSitARoundingStepBelowTheMaximum(double lowest) {
    double justBelow = Math.nextDown(1.0);
    double[][] v = {{Double.NaN, 1, justBelow}, {justBelow, Double.NaN, lowest}, {1, lowest, Double.NaN}};
    String png = Charts.png(new HeatPlot("co-cluster", List.of("a", "b", "c"), v, "caption"));
    assertThat(png).startsWith("data:image/png;base64,");
  }
}
