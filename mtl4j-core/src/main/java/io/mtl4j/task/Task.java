package io.mtl4j.task;

import java.util.List;

/**
 * One prediction target.
 *
 * @param weight  w_j in the total loss Σ w_j·L_j (used by weightings that take fixed weights)
 * @param metrics metric registry names; the first is the task's primary metric (early stopping, Δm%)
 */
public record Task(String name, TaskType type, String loss, double weight, List<String> metrics) {
  public Task {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("Task: name is empty");
    if (type == null) throw new IllegalArgumentException("Task '" + name + "': type is missing");
    if (!(weight >= 0 && Double.isFinite(weight))) {
      throw new IllegalArgumentException("Task '" + name + "': weight = " + weight + ", expected a finite value ≥ 0");
    }
    loss = loss == null ? type.defaultLoss() : loss;
    Losses.byName(loss);
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
  }

  /** A task with its type's default loss, weight 1 and the given metrics. */
  public static Task of(String name, TaskType type, String... metrics) {
    return new Task(name, type, null, 1.0, List.of(metrics));
  }

  public Loss newLoss() {
    return Losses.byName(loss);
  }
}
