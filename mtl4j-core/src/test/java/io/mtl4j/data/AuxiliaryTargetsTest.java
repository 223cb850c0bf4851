package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.task.Auxiliary;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuxiliaryTargetsTest {
  @Test
  void everyRowGetsTheTargetsIncludingRowsWithoutMainLabels() {
    Dataset base = ReconstructionTest.matrix(6, 3);
    float[] mask = {1, 0, 0, 1, 0, 0};
    Dataset partly = Dataset.builder(base.features()).task("sign", base.labels("sign"), Tensor.of(mask, 6)).build();
    List<Task> tasks = List.of(Task.of("sign", TaskType.binary()), Task.reconstruction("recon", 4, null));
    Dataset filled = AuxiliaryTargets.fill(partly, tasks, 1);
    assertThat(filled.tasks()).containsExactly("sign", "recon");
    assertThat(filled.mask("recon").toArray()).containsOnly(1f);
    assertThat(filled.mask("sign").toArray()).containsExactly(mask);
    assertThat(filled.labels("recon").toArray()).containsExactly(base.features().toArray());
    // Selecting rows keeps features and targets together.
    Dataset some = filled.select(new int[] {4, 1});
    assertThat(some.labels("recon").toArray()).containsExactly(some.features().toArray());
  }

  @Test
  void leavesMainTasksLabelledAuxiliariesAndTargetsAlreadyThereAlone() {
    Dataset data = ReconstructionTest.matrix(4, 1);
    Task labelled = Task.of("sign", TaskType.binary()).withAuxiliary(Auxiliary.labelled());
    assertThat(AuxiliaryTargets.fill(data, List.of(labelled), 1)).isSameAs(data);
    Dataset once = AuxiliaryTargets.fill(data, List.of(Task.reconstruction("recon", 4, null)), 1);
    assertThat(AuxiliaryTargets.fill(once, List.of(Task.reconstruction("recon", 4, null)), 1)).isSameAs(once);
  }

  @Test
  void refusesAnUnknownTargetOrAWrongWidthNamingTheTask() {
    Dataset data = ReconstructionTest.matrix(4, 1);
    Task unknown = Task.of("aux", TaskType.regression()).withAuxiliary(new Auxiliary("reconstuction", null));
    assertThatThrownBy(() -> AuxiliaryTargets.fill(data, List.of(unknown), 1))
        .hasMessageContaining("task 'aux'").hasMessageContaining("reconstruction");
    assertThatThrownBy(() -> AuxiliaryTargets.fill(data, List.of(Task.reconstruction("recon", 3, null)), 1))
        .hasMessageContaining("task 'recon'").hasMessageContaining("gives 4 values per row")
        .hasMessageContaining("expects 3");
  }
}
