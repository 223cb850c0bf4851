package io.mtl4j.data;

import io.mtl4j.task.Task;
import java.util.SplittableRandom;

/**
 * Targets an auxiliary task computes from the input rows themselves, so every row has them, labelled for the main
 * tasks or not. Add a class here, its test, and one line in {@link AuxiliaryTargets}.
 */
public interface SelfTargets {
  /**
   * {@code data} plus {@code task}'s targets (labels [N, the type's label width], mask [N]) drawn from its rows. Targets
   * that hide part of a row to predict it (a masked token) return the rows with that part hidden.
   *
   * @param random the stream a target that draws (which token to mask) draws from
   * @throws IllegalArgumentException when the task's {@code of} names no group these targets can read, naming what
   *                                  exists
   */
  Dataset addTo(Dataset data, Task task, SplittableRandom random);

  /**
   * {@code data}, which {@link #addTo} filled, with {@code task}'s targets drawn anew from {@code random}: the trainer
   * calls it each epoch. Targets that draw nothing (reconstruction) return {@code data} itself.
   */
  default Dataset redraw(Dataset data, Task task, SplittableRandom random) {
    return data;
  }
}
