package io.mtl4j.data;

/**
 * Rows that can be read again by their place, in any order (a mapped {@link RowCache}): a {@link ShuffleBuffer} over
 * them keeps each held row's place, one long, instead of a copy of its floats.
 */
interface RowPlaces {
  /** The place of the next row in file order, or -1 past the last. */
  long nextRow();

  /** Copies the row at {@code place} into row {@code row} of a batch's buffers. */
  void copy(long place, Batch.Buffers into, int row);
}
