package io.mtl4j.encode;

import java.util.ArrayList;
import java.util.List;

/** A categorical group: one {@link IdRows} per field, all over the same rows (ids already mapped to table rows). */
public record CategoricalRows(List<IdRows> fields) implements GroupRows {
  public CategoricalRows {
    if (fields.isEmpty()) throw new IllegalArgumentException("categorical group: no fields");
    int rows = fields.get(0).rows();
    for (int f = 1; f < fields.size(); f++) {
      if (fields.get(f).rows() != rows) {
        throw new IllegalArgumentException("categorical group: field " + f + " has " + fields.get(f).rows()
            + " rows, field 0 has " + rows);
      }
    }
    fields = List.copyOf(fields);
  }

  @Override
  public int rows() {
    return fields.get(0).rows();
  }

  @Override
  public CategoricalRows gather(int[] order, int from, int to) {
    List<IdRows> out = new ArrayList<>(fields.size());
    for (IdRows f : fields) out.add(f.gather(order, from, to));
    return new CategoricalRows(out);
  }

  @Override
  public CategoricalRows slice(int from, int to) {
    List<IdRows> out = new ArrayList<>(fields.size());
    for (IdRows f : fields) out.add(f.slice(from, to));
    return new CategoricalRows(out);
  }
}
