package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochRecordTest {
  @Test
  void theTrainingScoreIsMinusTheMainTasksMeanLossLeavingAuxiliaryTasksAndNaNOut() {
    List<Task> tasks = List.of(Task.of("a", TaskType.binary()), Task.reconstruction("recon", 3, null),
        Task.of("b", TaskType.regression()), Task.of("c", TaskType.binary()));
    assertThat(EpochRecord.trainingScore(tasks, new double[] {0.2, 50.0, 0.6, Double.NaN})).isEqualTo(-0.4);
    assertThat(EpochRecord.trainingScore(tasks.subList(1, 2), new double[] {50.0})).as("no main task").isZero();
  }
}
