package io.mtl4j.classical;

/**
 * The rows of a classical multi-task fit seen only through sums over them, so a solver's full-gradient steps can run
 * where the rows are: in this JVM ({@link LocalRowSum}) or partitioned over a cluster (mtl4j-spark's
 * {@code SparkRowSum}, which sums per-partition results in partition order). The solver itself, the prox step and
 * the momentum stay in the caller's JVM. Built by {@link Formulation#fit(RowSum)}.
 */
public interface RowSum {
  /** D, the features of every row. */
  int features();

  int tasks();

  /** n_t, the rows of task {@code task}. */
  int rows(int task);

  /**
   * Σ over every row of every task of {@code term}, a new array of {@code term.size()}. The order of additions is
   * fixed by the data's layout, never by timing, so the same call gives the same bits.
   *
   * @throws IllegalArgumentException what the term throws on bad rows, with its message
   */
  double[] sum(RowTerm term);
}
