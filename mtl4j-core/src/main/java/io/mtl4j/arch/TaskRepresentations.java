package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;

/** What an architecture hands each task's head: one Var per task (null for tasks not asked for). */
public record TaskRepresentations(Var[] perTask) {
  public Var get(int task) {
    Var v = perTask[task];
    if (v == null) {
      throw new IllegalStateException("task " + task + " was not computed in this forward pass");
    }
    return v;
  }

  /** The same Var for every requested task (hard parameter sharing). */
  static TaskRepresentations same(Var shared, int taskCount, int[] tasks) {
    Var[] v = new Var[taskCount];
    for (int t : tasks) v[t] = shared;
    return new TaskRepresentations(v);
  }
}
