package io.mtl4j.encode;

import java.util.ArrayList;
import java.util.List;

/**
 * A categorical group: one {@link IdRows} per field, all over the same rows (ids already mapped to table rows).
 *
 * <p>When every field holds at most one id per row (the common case: census-style columns, a missing cell holding
 * none), the ids are also kept row-major [rows, fields], {@link #NONE} for a missing cell: a batch of shuffled rows
 * then reads each row's ids from one place instead of two arrays per field, which made gathering the batch cost as
 * much as the model's forward pass on census-income (32 fields).
 */
public final class CategoricalRows implements GroupRows {
  /** A packed cell without an id (a missing value). */
  private static final int NONE = -1;
  private final List<IdRows> fields;
  private final int[] packed; // [rows, fields] row-major when every field has at most one id per row; else null

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

  /** The ids row-major ({@link #NONE} where a row has none), or null when some field has a row with several ids. */
  private static int[] pack(List<IdRows> fields, int rows) {
    int n = fields.size();
    for (IdRows f : fields) {
      int[] o = f.offsets();
      for (int i = 0; i < rows; i++) if (o[i + 1] - o[i] > 1) return null;
    }
    int[] out = new int[Math.multiplyExact(rows, n)];
    for (int f = 0; f < n; f++) {
      int[] ids = fields.get(f).ids(), o = fields.get(f).offsets();
      for (int i = 0; i < rows; i++) out[i * n + f] = o[i + 1] > o[i] ? ids[o[i]] : NONE;
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
    boolean[] hasNone = new boolean[n];
    for (int i = 0; i < rows; i++) {
      for (int f = 0; f < n; f++) {
        int id = picked[i * n + f];
        byField[f][i] = id;
        hasNone[f] |= id == NONE;
      }
    }
    int[] offsets = new int[rows + 1];
    for (int i = 0; i <= rows; i++) offsets[i] = i;
    List<IdRows> out = new ArrayList<>(n);
    for (int f = 0; f < n; f++) out.add(hasNone[f] ? withoutNone(byField[f]) : new IdRows(offsets, byField[f]));
    return new CategoricalRows(List.copyOf(out), picked, true); // fields without a missing cell share the offsets
  }

  /** One field's batch ids as CSR rows, a {@link #NONE} cell becoming a row without ids. */
  private static IdRows withoutNone(int[] cells) {
    int[] offsets = new int[cells.length + 1];
    for (int i = 0; i < cells.length; i++) offsets[i + 1] = offsets[i] + (cells[i] == NONE ? 0 : 1);
    int[] ids = new int[offsets[cells.length]];
    for (int i = 0; i < cells.length; i++) if (cells[i] != NONE) ids[offsets[i]] = cells[i];
    return new IdRows(offsets, ids);
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
