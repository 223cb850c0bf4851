package io.mtl4j.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One input column's fitted encoding into {@link #width()} model inputs. Values are looked up per distinct value of
 * a {@link Table} column ({@link #codeTable}), then written per row, so a large file costs one lookup per cell.
 */
public sealed interface FeatureEncoder {
  String column();

  int width();

  /** Names of the produced inputs, e.g. {@code age} or {@code education=Bachelors}. */
  List<String> outputs();

  /** Per distinct value of the table's column: what {@link #write} needs (an index, or a value's bits). */
  float[] codeTable(Table table, int column);

  /** Writes a row's inputs at {@code out[offset..offset+width)}; {@code code} is the table code (-1 missing). */
  void write(float[] lookup, int code, float[] out, int offset);

  Map<String, Object> toMap();

  static FeatureEncoder fromMap(Map<String, Object> m) {
    String kind = (String) m.get("kind");
    String column = (String) m.get("column");
    return switch (kind) {
      case "numeric" -> new Numeric(column, (String) m.get("scaling"), num(m, "shift"), num(m, "scale"),
          num(m, "impute"), Boolean.TRUE.equals(m.get("indicator")));
      case "onehot" -> new OneHot(column, strings(m.get("categories")), false);
      case "ids" -> new OneHot(column, strings(m.get("categories")), true);
      case "hash" -> new Hashed(column, ((Number) m.get("buckets")).intValue());
      default -> throw new IllegalArgumentException("preprocessing: unknown encoder kind '" + kind + "'");
    };
  }

  private static double num(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return List.copyOf((List<String>) o);
  }

  /**
   * A number: optional log (sign·log1p|x|), then {@code (x - shift) / scale}; missing values take the training mean
   * ({@code impute}, already scaled) and, with {@code indicator}, a second input is 1 where the value was missing.
   */
  record Numeric(String column, String scaling, double shift, double scale, double impute, boolean indicator)
      implements FeatureEncoder {
    public int width() {
      return indicator ? 2 : 1;
    }

    public List<String> outputs() {
      return indicator ? List.of(column, column + ":missing") : List.of(column);
    }

    public float[] codeTable(Table table, int col) {
      List<String> values = table.values(col);
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) {
        double x = parse(table, col, i);
        out[i] = (float) ((transform(scaling, x) - shift) / scale);
      }
      return out;
    }

    public void write(float[] lookup, int code, float[] out, int offset) {
      out[offset] = code < 0 ? (float) impute : lookup[code];
      if (indicator) out[offset + 1] = code < 0 ? 1f : 0f;
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "numeric");
      m.put("column", column);
      m.put("scaling", scaling);
      m.put("shift", shift);
      m.put("scale", scale);
      m.put("impute", impute);
      m.put("indicator", indicator);
      return m;
    }

    static double transform(String scaling, double x) {
      return scaling.equals("log") ? Math.signum(x) * Math.log1p(Math.abs(x)) : x;
    }

    /** The distinct value {@code code} of a numeric column, or a {@link DataFormatException} at its first row. */
    static double parse(Table table, int col, int code) {
      String s = table.values(col).get(code);
      double x = Schema.finiteOrNaN(s);
      if (!Double.isNaN(x)) return x;
      int row = table.firstRowWith(col, code);
      throw new DataFormatException(table.source(), table.line(row), col + 1, "column '" + table.names().get(col)
          + "' is numeric but has the value '" + s + "' (declare it under features.categorical, or list the value as missing)");
    }
  }

  /**
   * A category: one input per training category plus a last "unknown" input for unseen, rare or missing values; or,
   * with {@code ids}, one input holding the category's 1-based id (0 = unknown) for an embedding layer.
   */
  record OneHot(String column, List<String> categories, boolean ids) implements FeatureEncoder {
    public int width() {
      return ids ? 1 : categories.size() + 1;
    }

    public List<String> outputs() {
      if (ids) return List.of(column + ":id");
      List<String> out = new ArrayList<>();
      for (String c : categories) out.add(column + "=" + c);
      out.add(column + ":unknown");
      return out;
    }

    public float[] codeTable(Table table, int col) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < categories.size(); i++) index.put(categories.get(i), i);
      List<String> values = table.values(col);
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) out[i] = index.getOrDefault(values.get(i), categories.size());
      return out;
    }

    public void write(float[] lookup, int code, float[] out, int offset) {
      int k = code < 0 ? categories.size() : (int) lookup[code];
      if (ids) {
        out[offset] = k == categories.size() ? 0 : k + 1;
      } else {
        for (int i = 0; i <= categories.size(); i++) out[offset + i] = 0f;
        out[offset + k] = 1f;
      }
    }

    /** Whether a table value is outside the training categories. */
    boolean unknown(float[] lookup, int code) {
      return code >= 0 && (int) lookup[code] == categories.size();
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", ids ? "ids" : "onehot");
      m.put("column", column);
      m.put("categories", categories);
      return m;
    }
  }

  /** A high-cardinality category hashed (FNV-1a over its UTF-16 chars, stable across JVMs) into one of {@code buckets}. */
  record Hashed(String column, int buckets) implements FeatureEncoder {
    public int width() {
      return buckets;
    }

    public List<String> outputs() {
      List<String> out = new ArrayList<>();
      for (int b = 0; b < buckets; b++) out.add(column + "#" + b);
      return out;
    }

    public float[] codeTable(Table table, int col) {
      List<String> values = table.values(col);
      float[] out = new float[values.size()];
      for (int i = 0; i < out.length; i++) out[i] = bucket(values.get(i), buckets);
      return out;
    }

    public void write(float[] lookup, int code, float[] out, int offset) {
      for (int i = 0; i < buckets; i++) out[offset + i] = 0f;
      if (code >= 0) out[offset + (int) lookup[code]] = 1f;
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", "hash");
      m.put("column", column);
      m.put("buckets", buckets);
      return m;
    }

    static int bucket(String s, int buckets) {
      int h = 0x811c9dc5;
      for (int i = 0; i < s.length(); i++) {
        h ^= s.charAt(i);
        h *= 0x01000193;
      }
      return Math.floorMod(h, buckets);
    }
  }
}
