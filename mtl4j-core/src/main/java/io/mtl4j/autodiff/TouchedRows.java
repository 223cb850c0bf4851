package io.mtl4j.autodiff;

import java.util.Arrays;

/**
 * The rows of a row-sparse parameter that one pass wrote gradient into: a set over [0, rows) with O(1) insertion and
 * a clear that costs only the rows it holds, so a step over a million-row table pays for the rows it touched.
 */
public final class TouchedRows {
  private final int capacity;
  private final long[] marks;
  private int[] rows = new int[64];
  private int count;

  /** An empty set over rows [0, capacity). */
  public TouchedRows(int capacity) {
    if (capacity < 0) throw new IllegalArgumentException("TouchedRows: capacity = " + capacity + ", expected ≥ 0");
    this.capacity = capacity;
    this.marks = new long[(capacity + 63) >>> 6];
  }

  /** Adds {@code row}; adding it again changes nothing. */
  public void add(int row) {
    if (row < 0 || row >= capacity) {
      throw new IllegalArgumentException("TouchedRows: row " + row + " outside [0, " + capacity + ")");
    }
    long bit = 1L << row;
    int word = row >>> 6;
    if ((marks[word] & bit) != 0) return;
    marks[word] |= bit;
    if (count == rows.length) rows = Arrays.copyOf(rows, Math.min(Math.max(64, 2 * count), capacity));
    rows[count++] = row;
  }

  /** Adds every id of {@code ids}. */
  public void addAll(int[] ids) {
    for (int id : ids) add(id);
  }

  /** Adds every row of {@code other}. */
  public void addAll(TouchedRows other) {
    for (int i = 0; i < other.count; i++) add(other.rows[i]);
  }

  public boolean contains(int row) {
    return row >= 0 && row < capacity && (marks[row >>> 6] & (1L << row)) != 0;
  }

  /** Number of rows held. */
  public int size() {
    return count;
  }

  /** The i-th row held, in insertion order until {@link #sort()}. */
  public int get(int i) {
    if (i < 0 || i >= count) throw new IndexOutOfBoundsException("TouchedRows: index " + i + " of " + count);
    return rows[i];
  }

  /** Orders the rows ascending: reductions over them then run in buffer order, as a dense loop does. */
  public void sort() {
    Arrays.sort(rows, 0, count);
  }

  /** Empties the set, in time proportional to the rows it held. */
  public void clear() {
    for (int i = 0; i < count; i++) marks[rows[i] >>> 6] = 0;
    count = 0;
  }

  /** Rows the set ranges over. */
  public int capacity() {
    return capacity;
  }
}
