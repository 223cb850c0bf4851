package io.mtl4j.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Multi-input data: each task has its own dataset of its own size (per-school or per-domain problems). */
public final class MultiInputData {
  private final Map<String, Dataset> perTask;

  private MultiInputData(Map<String, Dataset> perTask) {
    if (perTask.isEmpty()) throw new IllegalArgumentException("MultiInputData: no tasks");
    Integer width = null;
    for (Map.Entry<String, Dataset> e : perTask.entrySet()) {
      Dataset d = e.getValue();
      if (!d.hasTask(e.getKey())) {
        throw new IllegalArgumentException("MultiInputData: dataset for task '" + e.getKey() + "' has no labels for it; tasks: " + d.tasks());
      }
      if (width != null && d.featureCount() != width) {
        throw new IllegalArgumentException("MultiInputData: task '" + e.getKey() + "' has " + d.featureCount()
            + " features, the others " + width);
      }
      width = d.featureCount();
    }
    this.perTask = perTask;
  }

  /** Task name → that task's dataset (labels for that task), in task order. */
  public static MultiInputData of(Map<String, Dataset> perTask) {
    return new MultiInputData(new LinkedHashMap<>(perTask));
  }

  public Dataset get(String task) {
    Dataset d = perTask.get(task);
    if (d == null) throw new IllegalArgumentException("no data for task '" + task + "'; tasks: " + perTask.keySet());
    return d;
  }

  public List<String> tasks() {
    return List.copyOf(perTask.keySet());
  }

  public int featureCount() {
    return perTask.values().iterator().next().featureCount();
  }
}
