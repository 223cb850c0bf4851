package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelStatisticsTest {
  private static final Tensor X = Tensor.zeros(6, 1);

  @Test
  void measuresOnlyRowsWhereBothLabelsExistAndCountsThem() {
    // Rows 4 and 5 miss 'b': on rows 0–3, b = 2a exactly; the two missing rows would break that if they counted.
    Dataset data = Dataset.builder(X)
        .task("a", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 6))
        .task("b", Tensor.of(new float[] {2, 4, 6, 8, 0, 0}, 6), Tensor.of(new float[] {1, 1, 1, 1, 0, 0}, 6))
        .build();
    Map<String, TaskMatrix> m = LabelStatistics.of(data, List.of(reg("a"), reg("b")));
    assertThat(m.get("pearson").get("a", "b")).isCloseTo(1, within(1e-9));
    assertThat(m.get("spearman").get("b", "a")).isCloseTo(1, within(1e-9));
    assertThat(m.get("pearson").counts()[0][1]).isEqualTo(4);
    assertThat(m.get("pearson").counts()[0][0]).isEqualTo(6);
    assertThat(m.get("pearson").counts()[1][1]).isEqualTo(4);
  }

  @Test
  void choosesTheMeasuresByTaskTypePair() {
    Dataset data = Dataset.builder(X)
        .task("colour", Tensor.of(new float[] {0, 1, 2, 0, 1, 2}, 6))
        .task("red", Tensor.of(new float[] {1, 0, 0, 1, 0, 0}, 6))
        .task("tags", Tensor.of(new float[12], 6, 2))
        .build();
    List<Task> tasks = List.of(Task.of("colour", TaskType.multiclass(3)), Task.of("red", TaskType.binary()),
        Task.of("tags", TaskType.multilabel(2)));
    Map<String, TaskMatrix> m = LabelStatistics.of(data, tasks);
    // Class numbers have no order: no correlation, but a full association (red is a function of colour).
    assertThat(m.get("pearson").get("colour", "red")).isNaN();
    assertThat(m.get("cramersV").get("colour", "red")).isCloseTo(1, within(1e-9));
    // I(colour; red) = H(red) = −(1/3)ln(1/3) − (2/3)ln(2/3).
    assertThat(m.get("mutualInformation").get("red", "colour"))
        .isCloseTo(-(Math.log(1.0 / 3) / 3 + 2 * Math.log(2.0 / 3) / 3), within(1e-9));
    for (String measure : LabelStatistics.MEASURES) assertThat(m.get(measure).get("tags", "red")).isNaN();
  }

  private static Task reg(String name) {
    return Task.of(name, TaskType.regression());
  }
}
