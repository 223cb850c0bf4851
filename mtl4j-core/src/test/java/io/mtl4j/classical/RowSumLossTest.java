package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loss from row sums equals the in-memory losses (Gram statistics, rows) up to the rounding of the sums. */
class RowSumLossTest {
  private static final double TOLERANCE = 1e-10;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void leastSquaresEqualsTheGramStatisticsLossValueGradientAndLipschitzEstimate(long seed) {
    MultiTaskData data = Problems.regression(seed, 4, 5, 10, 30);
    SmoothLoss memory = SmoothLoss.of(LossFunction.LEAST_SQUARES, data, 0.5);
    SmoothLoss rows = SmoothLoss.of(LossFunction.LEAST_SQUARES, new LocalRowSum(data), 0.5);
    assertSameLoss(memory, rows, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void logisticEqualsTheInMemoryLossValueGradientAndLipschitzEstimate(long seed) {
    MultiTaskData data = Problems.classification(seed, 3, 4, 15, 40);
    SmoothLoss memory = SmoothLoss.of(LossFunction.LOGISTIC, data, 0.5);
    SmoothLoss rows = SmoothLoss.of(LossFunction.LOGISTIC, new LocalRowSum(data), 0.5);
    assertSameLoss(memory, rows, seed);
  }

  @Test
  void aTaskWithoutRowsAddsNothingToTheLogisticLossOrItsGradient() {
    MultiTaskData one = Problems.classification(4, 1, 3, 20, 20);
    MultiTaskData data = MultiTaskData.of(List.of(rows(one), new double[0][]), List.of(one.y(0), new double[0]));
    assertSameLoss(SmoothLoss.of(LossFunction.LOGISTIC, data, 0.5),
        SmoothLoss.of(LossFunction.LOGISTIC, new LocalRowSum(data), 0.5), 4);
  }

  @Test
  void refusesALogisticLabelOtherThanPlusOrMinusOneWithTheInMemoryMessage() {
    MultiTaskData data = MultiTaskData.of(List.<double[][]>of(new double[][] {{1, 2}, {3, 4}}),
        List.of(new double[] {1, Double.NaN}));
    String memory = catchIllegalArgumentException(() -> SmoothLoss.of(LossFunction.LOGISTIC, data, 0.5)).getMessage();
    assertThat(memory).contains("task 0 has label NaN");
    assertThatThrownBy(() -> SmoothLoss.of(LossFunction.LOGISTIC, new LocalRowSum(data), 0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage(memory);
  }

  private static void assertSameLoss(SmoothLoss memory, SmoothLoss rows, long seed) {
    assertThat(rows.hasIntercept()).isEqualTo(memory.hasIntercept());
    assertThat(rows.quadratic()).isEqualTo(memory.quadratic());
    assertThat(rows.lipschitzEstimate()).isCloseTo(memory.lipschitzEstimate(),
        within(TOLERANCE * memory.lipschitzEstimate()));
    SplittableRandom rng = new SplittableRandom(seed);
    int block = memory.features() * memory.tasks();
    double[] w = Problems.gaussian(rng, block);
    double[] c = Problems.gaussian(rng, memory.tasks());
    double[][] grads = {new double[block], new double[block]};
    double[][] interceptGrads = {new double[memory.tasks()], new double[memory.tasks()]};
    double expected = memory.evaluate(w, c, grads[0], memory.hasIntercept() ? interceptGrads[0] : null);
    double actual = rows.evaluate(w, c, grads[1], rows.hasIntercept() ? interceptGrads[1] : null);
    assertThat(actual).isCloseTo(expected, within(TOLERANCE * Math.abs(expected)));
    assertThat(rows.evaluate(w, c, null, null)).isEqualTo(actual);
    assertClose(grads[1], grads[0]);
    assertClose(interceptGrads[1], interceptGrads[0]);
  }

  private static void assertClose(double[] actual, double[] expected) {
    double scale = 1 + Problems.norm(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("entry %d", i).isCloseTo(expected[i], within(TOLERANCE * scale));
    }
  }

  private static double[][] rows(MultiTaskData data) {
    double[][] x = new double[data.rows(0)][];
    for (int i = 0; i < x.length; i++) x[i] = data.row(0, i);
    return x;
  }
}
