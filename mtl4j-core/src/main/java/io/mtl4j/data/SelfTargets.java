package io.mtl4j.data;

import io.mtl4j.tensor.Tensor;

/**
 * Targets an auxiliary task computes from the input rows themselves, so every row has them, labelled for the main
 * tasks or not. Add a class here, its test, and one line in {@link AuxiliaryTargets}.
 */
public interface SelfTargets {
  /**
   * The targets of {@code data}'s rows, [N, width].
   *
   * @param of the input group they come from, or null for the features matrix
   * @throws IllegalArgumentException when {@code of} names no group these targets can read, naming what exists
   */
  Tensor targets(Dataset data, String of);
}
