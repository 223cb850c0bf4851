package io.mtl4j.encode;

import java.util.Arrays;

/**
 * Ragged integer ids per row in CSR form: row i holds {@code ids[offsets[i] .. offsets[i+1])}. One categorical field
 * (one id per row, or several when multi-hot) or one token sequence per row. The offsets are absolute indices into
 * {@code ids}, so a slice shares the ids array; they pass straight to
 * {@link io.mtl4j.autodiff.EmbeddingBag#pool}.
 */
public record IdRows(int[] offsets, int[] ids) implements GroupRows {
  public IdRows {
    if (offsets.length < 1) throw new IllegalArgumentException("id rows: offsets is empty, expected rows + 1 entries");
    if (offsets[0] < 0 || offsets[offsets.length - 1] > ids.length) {
      throw new IllegalArgumentException("id rows: offsets span [" + offsets[0] + ", " + offsets[offsets.length - 1]
          + ") outside " + ids.length + " ids");
    }
    for (int i = 1; i < offsets.length; i++) {
      if (offsets[i] < offsets[i - 1]) {
        throw new IllegalArgumentException("id rows: offsets[" + i + "] = " + offsets[i] + " < offsets[" + (i - 1)
            + "], expected non-decreasing");
      }
    }
  }

  /** One id per row (a single-valued categorical field). */
  public static IdRows single(int[] ids) {
    int[] offsets = new int[ids.length + 1];
    for (int i = 0; i < offsets.length; i++) offsets[i] = i;
    return new IdRows(offsets, ids.clone());
  }

  /** The first id outside [0, limit) as {row, id}, or null when every id is inside (a table of {@code limit} rows). */
  public int[] firstOutside(int limit) {
    for (int r = 0; r < rows(); r++) {
      for (int k = offsets[r]; k < offsets[r + 1]; k++) if (ids[k] < 0 || ids[k] >= limit) return new int[] {r, ids[k]};
    }
    return null;
  }

  @Override
  public int rows() {
    return offsets.length - 1;
  }

  /** The ids of row i (a copy). */
  public int[] row(int i) {
    return Arrays.copyOfRange(ids, offsets[i], offsets[i + 1]);
  }

  @Override
  public IdRows gather(int[] order, int from, int to) {
    int[] out = new int[to - from + 1];
    for (int i = from; i < to; i++) out[i - from + 1] = out[i - from] + offsets[order[i] + 1] - offsets[order[i]];
    int[] picked = new int[out[to - from]];
    for (int i = from; i < to; i++) {
      int r = order[i];
      System.arraycopy(ids, offsets[r], picked, out[i - from], offsets[r + 1] - offsets[r]);
    }
    return new IdRows(out, picked);
  }

  @Override
  public IdRows slice(int from, int to) {
    GroupRows.checkRange("id rows", from, to, rows());
    return new IdRows(Arrays.copyOfRange(offsets, from, to + 1), ids);
  }
}
