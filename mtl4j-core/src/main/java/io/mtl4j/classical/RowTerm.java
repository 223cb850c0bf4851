package io.mtl4j.classical;

import java.io.Serializable;

/**
 * A quantity summed over the rows of every task (a loss value and its gradient, a Gram matrix, row counts): what a
 * {@link RowSum} computes wherever the rows live. Serializable so that a cluster can ship it to the rows.
 */
public interface RowTerm extends Serializable {
  /** The length of the sum. */
  int size();

  /**
   * Adds the contribution of {@code rows} rows of task {@code task} into {@code sum}.
   *
   * @param x the rows [rows, D] row-major
   * @param y their targets [rows]
   */
  void add(int task, double[] x, double[] y, int rows, double[] sum);
}
