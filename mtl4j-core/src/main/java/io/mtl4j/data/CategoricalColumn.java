package io.mtl4j.data;

import io.mtl4j.encode.IdRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One embedded categorical column, fitted: its vocabulary, embedding width and multi-hot separator (null: one id per
 * cell). Turns table rows into {@link IdRows}; a missing cell is a row without ids (a zero embedding).
 */
public record CategoricalColumn(String column, Vocabulary vocabulary, int dimension, String separator) {
  /** Fits the vocabulary on the training rows' values (each part of a multi-hot cell counts once). */
  static CategoricalColumn fit(Table table, int[] trainRows, String column, InputGroupOptions.Categorical o) {
    int col = table.indexOf(column);
    List<String> values = table.values(col);
    int[] counts = new int[values.size()];
    for (int r : trainRows) {
      int code = table.code(col, r);
      if (code >= 0) counts[code]++;
    }
    List<String> seen = new ArrayList<>();
    for (int code = 0; code < counts.length; code++) {
      for (String part : parts(values.get(code), o.multiHotSeparator())) {
        for (int k = 0; k < counts[code]; k++) seen.add(part);
      }
    }
    Vocabulary vocabulary = Vocabulary.fit(seen, o.minCount(), o.hashBuckets());
    return new CategoricalColumn(column, vocabulary, o.dimension(column), o.multiHotSeparator());
  }

  private static List<String> parts(String cell, String separator) {
    if (separator == null) return List.of(cell);
    List<String> out = new ArrayList<>();
    for (String p : cell.split(java.util.regex.Pattern.quote(separator), -1)) if (!p.isBlank()) out.add(p.strip());
    return out;
  }

  /** The ids of {@code rows}; a value without a row (hashing off) is an error naming the file, line and column. */
  public IdRows rows(Table table, int[] rows) {
    int col = table.require(column, "categorical input");
    List<String> values = table.values(col);
    int[][] byCode = new int[values.size()][];
    int[] offsets = new int[rows.length + 1];
    for (int i = 0; i < rows.length; i++) {
      int code = table.code(col, rows[i]);
      if (code >= 0 && byCode[code] == null) byCode[code] = ids(table, col, rows[i], values.get(code));
      offsets[i + 1] = offsets[i] + (code < 0 ? 0 : byCode[code].length);
    }
    int[] ids = new int[offsets[rows.length]];
    for (int i = 0; i < rows.length; i++) {
      int code = table.code(col, rows[i]);
      if (code >= 0) System.arraycopy(byCode[code], 0, ids, offsets[i], byCode[code].length);
    }
    return new IdRows(offsets, ids);
  }

  private int[] ids(Table table, int col, int row, String cell) {
    List<String> parts = parts(cell, separator);
    int[] out = new int[parts.size()];
    for (int k = 0; k < out.length; k++) {
      out[k] = vocabulary.row(parts.get(k));
      if (out[k] == Vocabulary.UNKNOWN) {
        throw new DataFormatException(table.source(), table.line(row), col + 1, "column '" + column + "' has the "
            + "value '" + parts.get(k) + "', which has no embedding row: it is not among the " + vocabulary.values().size()
            + " values kept from the training rows and hashBuckets is 0 (set hashBuckets ≥ 1 to hash such values)");
      }
    }
    return out;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", column);
    m.put("dimension", dimension);
    if (separator != null) m.put("separator", separator);
    m.put("hashBuckets", vocabulary.hashBuckets());
    m.put("values", vocabulary.values());
    return m;
  }

  @SuppressWarnings("unchecked")
  static CategoricalColumn fromMap(Map<String, Object> m) {
    List<String> values = new ArrayList<>();
    for (Object v : (List<Object>) m.get("values")) values.add(String.valueOf(v));
    return new CategoricalColumn((String) m.get("column"), new Vocabulary(values, ((Number) m.get("hashBuckets")).intValue()),
        ((Number) m.get("dimension")).intValue(), (String) m.get("separator"));
  }
}
