package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiTaskParamsTest {
  private static final List<Task> TASKS = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.regression()));

  @Test
  void refusesLearningToBranchWhosePartitionsWouldNotKnowTheEpoch() {
    assertThatThrownBy(() -> MultiTaskParams.spec(4, TASKS, "ltb", "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ltb'").hasMessageContaining("mtl4j train");
    assertThat(MultiTaskParams.spec(4, TASKS, "shared-bottom", "{}").architecture().name()).isEqualTo("shared-bottom");
  }
}
