package io.mtl4j.arch;

import io.mtl4j.task.Task;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything needed to rebuild a model's structure: input width, tasks, the shared architecture and the heads.
 */
public record ModelSpec(int inputs, List<Task> tasks, Architecture.Factory architecture, Head.Options head) {
  public ModelSpec {
    if (inputs <= 0) throw new IllegalArgumentException("ModelSpec: inputs = " + inputs + ", expected > 0");
    if (tasks == null || tasks.isEmpty()) throw new IllegalArgumentException("ModelSpec: no tasks");
    Set<String> names = new HashSet<>();
    for (Task t : tasks) {
      if (!names.add(t.name())) throw new IllegalArgumentException("ModelSpec: duplicate task name '" + t.name() + "'");
    }
    if (architecture == null) throw new IllegalArgumentException("ModelSpec: architecture is missing");
    tasks = List.copyOf(tasks);
    head = head == null ? new Head.Options() : head;
  }

  public int taskIndex(String name) {
    for (int t = 0; t < tasks.size(); t++) if (tasks.get(t).name().equals(name)) return t;
    throw new IllegalArgumentException("unknown task '" + name + "'; known: " + tasks.stream().map(Task::name).toList());
  }
}
