package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;

/**
 * What an architecture hands each task's head: one Var per task (null for tasks not asked for).
 *
 * @param perTask each requested task's representation
 * @param shared  the one tensor that separates the shared part from the tasks' own parts, when there is one: every
 *                shared parameter acts before it and only task-owned parameters after it, so the gradient of any
 *                task loss reaches the shared parameters only through it (representation-gradient weighting,
 *                LibMTL's {@code rep_grad}); null when the architecture has no such cut
 * @param penalty a scalar the architecture adds to the training objective for this pass's rows, summed over them
 *                (the trainer divides it by the batch's rows, as it does each task's loss); it is no task's loss, so
 *                every weighting adds it with weight 1 (adversarial shared-private); null when there is none
 */
public record TaskRepresentations(Var[] perTask, Var shared, Var penalty) {

  /** Representations with a shared cut (or null) and no penalty. */
  public TaskRepresentations(Var[] perTask, Var shared) {
    this(perTask, shared, null);
  }

  /** Representations with no single shared cut (cross-stitch, MTAN, PLE, soft sharing, single-task). */
  public TaskRepresentations(Var[] perTask) {
    this(perTask, null, null);
  }

  public Var get(int task) {
    Var v = perTask[task];
    if (v == null) {
      throw new IllegalStateException("task " + task + " was not computed in this forward pass");
    }
    return v;
  }

  /** The same Var for every requested task (hard parameter sharing); it is also the shared cut. */
  static TaskRepresentations same(Var shared, int taskCount, int[] tasks) {
    Var[] v = new Var[taskCount];
    for (int t : tasks) v[t] = shared;
    return new TaskRepresentations(v, shared);
  }
}
