package io.mtl4j.arch;

import io.mtl4j.encode.InputSpec;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything needed to rebuild a model's structure: input width, tasks, the shared architecture and the heads, and
 * optionally the feature groups whose encoders produce the input ({@code groups}; null: one dense matrix, as before).
 */
public record ModelSpec(int inputs, List<Task> tasks, Architecture.Factory architecture, Head.Options head,
    InputSpec groups) {
  public ModelSpec {
    if (groups != null && inputs != groups.sharedWidth()) {
      throw new IllegalArgumentException("ModelSpec: inputs = " + inputs + " but the shared feature groups encode to "
          + groups.sharedWidth() + " columns");
    }
    if (inputs <= 0) throw new IllegalArgumentException("ModelSpec: inputs = " + inputs + ", expected > 0");
    if (tasks == null || tasks.isEmpty()) throw new IllegalArgumentException("ModelSpec: no tasks");
    Set<String> names = new HashSet<>();
    for (Task t : tasks) {
      if (!names.add(t.name())) throw new IllegalArgumentException("ModelSpec: duplicate task name '" + t.name() + "'");
    }
    if (architecture == null) throw new IllegalArgumentException("ModelSpec: architecture is missing");
    tasks = List.copyOf(tasks);
    checkProducts(tasks);
    head = head == null ? new Head.Options() : head;
  }

  /** A product task's factors are other tasks of the model, each binary with a head of its own. */
  private static void checkProducts(List<Task> tasks) {
    for (Task t : tasks) {
      for (String f : t.productOf()) {
        Task factor = tasks.stream().filter(u -> u.name().equals(f)).findFirst().orElseThrow(() ->
            new IllegalArgumentException("ModelSpec: task '" + t.name() + "' is the product of unknown task '" + f
                + "'; known: " + tasks.stream().map(Task::name).toList()));
        if (factor.isProduct() || !(factor.type() instanceof TaskType.Binary)) {
          throw new IllegalArgumentException("ModelSpec: task '" + t.name() + "' is the product of '" + f
              + "', which must be a binary task with its own head");
        }
      }
    }
  }

  /** A model over one dense matrix of {@code inputs} columns. */
  public ModelSpec(int inputs, List<Task> tasks, Architecture.Factory architecture, Head.Options head) {
    this(inputs, tasks, architecture, head, null);
  }

  /** A model whose input is {@code groups}' encodings; the architecture reads the shared groups' width. */
  public static ModelSpec of(InputSpec groups, List<Task> tasks, Architecture.Factory architecture, Head.Options head) {
    return new ModelSpec(groups.sharedWidth(), tasks, architecture, head, groups);
  }

  public int taskIndex(String name) {
    for (int t = 0; t < tasks.size(); t++) if (tasks.get(t).name().equals(name)) return t;
    throw new IllegalArgumentException("unknown task '" + name + "'; known: " + tasks.stream().map(Task::name).toList());
  }
}
