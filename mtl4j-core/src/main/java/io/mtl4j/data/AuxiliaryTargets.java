package io.mtl4j.data;

import io.mtl4j.config.Registry;
import io.mtl4j.task.Task;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The built-in {@link SelfTargets} by name (the {@code targets} of a task's {@link io.mtl4j.task.Auxiliary}, e.g.
 * {@code Task.reconstruction}), and the step that gives a dataset the targets of the tasks that compute theirs from the
 * input.
 */
public final class AuxiliaryTargets {
  // Registered in name order: the order of "known: [...]" in messages.
  private static final Registry<SelfTargets> DEFAULTS = Registry.<SelfTargets>of("auxiliary target")
      .with("masked-token", o -> new MaskedToken())
      .with("reconstruction", o -> new Reconstruction());

  private AuxiliaryTargets() {}

  /** The built-in targets; {@link Registry#with} returns a copy with one more, leaving these unchanged. */
  public static Registry<SelfTargets> defaults() {
    return DEFAULTS;
  }

  /**
   * {@code data} plus, for each task of {@code tasks} whose targets come from the input and that {@code data} lacks,
   * those targets on every row that has them (a row unlabelled for the main tasks still trains them).
   *
   * @param seed the targets that draw (masked tokens) draw from streams split from it, one per task in order
   * @throws IllegalArgumentException for an unknown target name or a group the targets cannot read, naming the task
   */
  public static Dataset fill(Dataset data, List<Task> tasks, long seed) {
    SplittableRandom streams = new SplittableRandom(seed);
    Dataset out = data;
    for (Task t : tasks) {
      if (!t.isAuxiliary() || !t.auxiliary().fromInput() || out.hasTask(t.name())) continue;
      out = addTo(out, t, streams.split());
      int width = out.labels(t.name()).cols();
      if (width != t.type().labelWidth()) {
        throw new IllegalArgumentException("task '" + t.name() + "': " + t.auxiliary().targets() + " gives "
            + width + " values per row, the task's type " + t.type().kind() + " expects " + t.type().labelWidth());
      }
    }
    return out;
  }

  /**
   * {@code data}, filled by {@link #fill}, with the targets that draw (masked tokens) drawn anew from streams split
   * from {@code seed}, one per task in order as {@link #fill} splits them; {@code data} itself when no task of
   * {@code tasks} draws targets that {@code data} holds (so a run without them is unchanged bit for bit).
   */
  public static Dataset redraw(Dataset data, List<Task> tasks, long seed) {
    SplittableRandom streams = new SplittableRandom(seed);
    Dataset out = data;
    for (Task t : tasks) {
      if (!t.isAuxiliary() || !t.auxiliary().fromInput()) continue;
      SplittableRandom random = streams.split();
      if (out.hasTask(t.name())) out = targets(t).redraw(out, t, random);
    }
    return out;
  }

  private static SelfTargets targets(Task t) {
    return DEFAULTS.create(t.auxiliary().targets(), Map.of(), "task." + t.name() + ".auxiliary");
  }

  private static Dataset addTo(Dataset data, Task t, SplittableRandom random) {
    try {
      return targets(t).addTo(data, t, random);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("task '" + t.name() + "': " + e.getMessage(), e);
    }
  }
}
