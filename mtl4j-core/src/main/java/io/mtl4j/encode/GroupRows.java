package io.mtl4j.encode;

/**
 * One feature group's values for a set of rows. Implementations are immutable apart from the arrays they wrap, which
 * nobody writes after construction.
 */
public sealed interface GroupRows permits DenseRows, SparseRows, IdRows, BagRows, CategoricalRows, ImageRows {
  int rows();

  /** A compact copy of rows {@code order[from..to)}, in that order (a batch). */
  GroupRows gather(int[] order, int from, int to);

  /** Rows [from, to) sharing this group's arrays (a data-parallel shard). */
  GroupRows slice(int from, int to);

  /** Checks a row range against {@code rows} (shared by the implementations' slice). */
  static void checkRange(String what, int from, int to, int rows) {
    if (from < 0 || to > rows || from > to) {
      throw new IllegalArgumentException(what + ": rows [" + from + ", " + to + ") outside 0.." + rows);
    }
  }
}
