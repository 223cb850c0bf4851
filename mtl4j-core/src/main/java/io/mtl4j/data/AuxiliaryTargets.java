package io.mtl4j.data;

import io.mtl4j.config.Registry;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@link SelfTargets} by name (the {@code targets} of a task's {@link io.mtl4j.task.Auxiliary}, e.g.
 * {@code Task.reconstruction}), and the step that gives a dataset the targets of the tasks that compute theirs from the
 * input.
 */
public final class AuxiliaryTargets {
  // Registered in name order: the order of "known: [...]" in messages.
  private static final Registry<SelfTargets> DEFAULTS = Registry.<SelfTargets>of("auxiliary target")
      .with("reconstruction", o -> new Reconstruction());

  private AuxiliaryTargets() {}

  /** The built-in targets; {@link Registry#with} returns a copy with one more, leaving these unchanged. */
  public static Registry<SelfTargets> defaults() {
    return DEFAULTS;
  }

  /**
   * {@code data} plus, for each task of {@code tasks} whose targets come from the input and that {@code data} lacks,
   * those targets on every row (mask 1 everywhere: a row unlabelled for the main tasks still trains them).
   *
   * @throws IllegalArgumentException for an unknown target name or a group the targets cannot read, naming the task
   */
  public static Dataset fill(Dataset data, List<Task> tasks) {
    Dataset out = data;
    for (Task t : tasks) {
      if (!t.isAuxiliary() || !t.auxiliary().fromInput() || out.hasTask(t.name())) continue;
      Tensor targets = targets(t, data);
      if (targets.cols() != t.type().labelWidth()) {
        throw new IllegalArgumentException("task '" + t.name() + "': " + t.auxiliary().targets() + " gives "
            + targets.cols() + " values per row, the task's type " + t.type().kind() + " expects "
            + t.type().labelWidth());
      }
      out = out.withTask(t.name(), targets, Tensor.zeros(data.rows()).fill(1f));
    }
    return out;
  }

  private static Tensor targets(Task t, Dataset data) {
    try {
      return DEFAULTS.create(t.auxiliary().targets(), Map.of(), "task." + t.name() + ".auxiliary")
          .targets(data, t.auxiliary().of());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("task '" + t.name() + "': " + e.getMessage(), e);
    }
  }
}
