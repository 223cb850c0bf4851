package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultiTaskDataTest {
  @Test
  void groupsLongTableRowsByTaskKeepingTheirOrder() {
    int[] task = {1, 0, 1, 1};
    double[][] x = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
    double[] y = {10, 20, 30, 40};
    MultiTaskData d = MultiTaskData.fromRows(task, x, y, 3);
    assertThat(d.tasks()).isEqualTo(3);
    assertThat(d.rows(0)).isEqualTo(1);
    assertThat(d.rows(1)).isEqualTo(3);
    assertThat(d.rows(2)).isZero();
    assertThat(d.row(1, 2)).containsExactly(7, 8);
    assertThat(d.y(1)).containsExactly(10, 30, 40);
  }

  @Test
  void sharedXPointsEveryTaskAtOneMatrix() {
    MultiTaskData d = MultiTaskData.sharedX(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[][] {{1, 2}, {3, 4},
        {5, 6}});
    assertThat(d.isSharedX()).isTrue();
    assertThat(d.x(0)).isSameAs(d.x(1));
    assertThat(d.y(1)).containsExactly(2, 4, 6);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void randomSplitPartitionsEveryTasksRows(long seed) {
    MultiTaskData d = Problems.regression(seed, 5, 3, 2, 30);
    MultiTaskData[] parts = d.randomSplit(0.25, seed);
    for (int t = 0; t < d.tasks(); t++) {
      assertThat(parts[0].rows(t) + parts[1].rows(t)).isEqualTo(d.rows(t));
      assertThat(parts[0].rows(t)).isPositive();
      assertThat(parts[1].rows(t)).isPositive();
      Set<Double> all = new HashSet<>();
      for (double v : d.y(t)) all.add(v);
      Set<Double> joined = new HashSet<>();
      for (double v : parts[0].y(t)) joined.add(v);
      for (double v : parts[1].y(t)) joined.add(v);
      assertThat(joined).isEqualTo(all);
    }
    assertThat(Arrays.equals(d.randomSplit(0.25, seed)[0].y(0), parts[0].y(0))).as("same seed, same split").isTrue();
  }

  @Test
  void rejectsRaggedRowsAndMismatchedTargets() {
    assertThatThrownBy(() -> MultiTaskData.of(List.<double[][]>of(new double[][] {{1, 2}, {3}}), List.of(new double[] {1, 2})))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1: 1 features, expected 2");
    assertThatThrownBy(() -> MultiTaskData.of(List.<double[][]>of(new double[][] {{1, 2}}), List.of(new double[] {1, 2})))
        .hasMessageContaining("1 rows in x but 2 targets");
    assertThatThrownBy(() -> MultiTaskData.fromRows(new int[] {3}, new double[][] {{1}}, new double[] {1}, 2))
        .hasMessageContaining("task[0] = 3");
  }
}
