package io.mtl4j.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * A categorical group: one {@link IdRows} per field, all over the same rows (ids already mapped to table rows).
 *
 * <p>When every field holds exactly one id per row (the common case: census-style columns), the ids are also kept
 * row-major [rows, fields]: a batch of shuffled rows then reads each row's ids from one place instead of two arrays
 * per field, which made gathering the batch cost as much as the model's forward pass on census-income (32 fields).
 */
public final class CategoricalRows implements GroupRows {
  private final List<IdRows> fields;
  private final int[] packed; // [rows, fields] row-major when every field has one id per row; else null

  public CategoricalRows(List<IdRows> fields) {
    this(List.copyOf(fields), null, true);
  }

  /** {@code packed}: the row-major ids when known; else computed if {@code pack} (not for shards: never gathered). */
  private CategoricalRows(List<IdRows> fields, int[] packed, boolean pack) {
    if (fields.isEmpty()) throw new IllegalArgumentException("categorical group: no fields");
    int rows = fields.get(0).rows();
    for (int f = 1; f < fields.size(); f++) {
      if (fields.get(f).rows() != rows) {
        throw new IllegalArgumentException("categorical group: field " + f + " has " + fields.get(f).rows()
            + " rows, field 0 has " + rows);
      }
    }
    this.fields = fields;
    this.packed = packed != null || !pack ? packed : pack(fields, rows);
  }

  /** The ids row-major, or null when some field has a row with other than one id. */
  private static int[] pack(List<IdRows> fields, int rows) {
    int n = fields.size();
    for (IdRows f : fields) {
      int[] o = f.offsets();
      if (o[rows] - o[0] != rows) return null;
      for (int i = 0; i < rows; i++) if (o[i + 1] - o[i] != 1) return null;
    }
    int[] out = new int[Math.multiplyExact(rows, n)];
    for (int f = 0; f < n; f++) {
      int[] ids = fields.get(f).ids();
      int from = fields.get(f).offsets()[0];
      for (int i = 0; i < rows; i++) out[i * n + f] = ids[from + i];
    }
    return out;
  }

  public List<IdRows> fields() {
    return fields;
  }

  @Override
  public int rows() {
    return fields.get(0).rows();
  }

  @Override
  public CategoricalRows gather(int[] order, int from, int to) {
    if (packed == null) {
      List<IdRows> out = new ArrayList<>(fields.size());
      for (IdRows f : fields) out.add(f.gather(order, from, to));
      return new CategoricalRows(out, null, false);
    }
    int n = fields.size(), rows = to - from;
    int[] picked = new int[rows * n];
    for (int i = 0; i < rows; i++) System.arraycopy(packed, order[from + i] * n, picked, i * n, n);
    int[][] byField = new int[n][rows];
    for (int i = 0; i < rows; i++) for (int f = 0; f < n; f++) byField[f][i] = picked[i * n + f];
    int[] offsets = new int[rows + 1];
    for (int i = 0; i <= rows; i++) offsets[i] = i;
    List<IdRows> out = new ArrayList<>(n);
    for (int[] ids : byField) out.add(new IdRows(offsets, ids)); // one offsets array serves every field
    return new CategoricalRows(List.copyOf(out), picked, true);
  }

  @Override
  public CategoricalRows slice(int from, int to) {
    List<IdRows> out = new ArrayList<>(fields.size());
    for (IdRows f : fields) out.add(f.slice(from, to));
    return new CategoricalRows(out, null, false);
  }

  @Override
  public String toString() {
    return "CategoricalRows" + fields;
  }
}
