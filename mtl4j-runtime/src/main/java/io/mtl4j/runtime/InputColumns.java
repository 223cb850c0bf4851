package io.mtl4j.runtime;

import io.mtl4j.io.ModelFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model file's fitted preprocessing as one raw row → model inputs [D] step, the encoders of mtl4j-core's
 * {@code FeatureEncoder} in order: numbers log-transformed, scaled and imputed (with a missing indicator), categories
 * one-hot (or as ids) with an unknown slot, high-cardinality ones hashed. A value is missing when it is null, NaN, or a
 * string that the CSV reader reads as missing ("", "?", "NA", "NaN", after stripping blanks); an unseen category takes
 * the unknown slot (no error, unlike {@code mtl4j predict} without {@code --allow-unknown}).
 */
final class InputColumns {
  private static final Set<String> MISSING = Set.of("", "?", "NA", "NaN");

  /** One raw column's encoder: writes its {@code width} model inputs at {@code s[at]}. */
  private sealed interface Column {
    String name();

    int width();

    void write(Object raw, float[] s, int at);
  }

  /** FeatureEncoder.Numeric: (transform(x) − shift) / scale in double, rounded to float; missing → impute. */
  private record Numeric(String name, boolean log, double shift, double scale, float impute, boolean indicator)
      implements Column {
    public int width() {
      return indicator ? 2 : 1;
    }

    public void write(Object raw, float[] s, int at) {
      double x = number(name, raw);
      boolean missing = Double.isNaN(x);
      if (log) x = Math.signum(x) * Math.log1p(Math.abs(x));
      s[at] = missing ? impute : (float) ((x - shift) / scale);
      if (indicator) s[at + 1] = missing ? 1f : 0f;
    }
  }

  /** FeatureEncoder.OneHot: a 1 at the category's place, the last place for unknown; with ids its 1-based id. */
  private record OneHot(String name, Map<String, Integer> index, boolean ids) implements Column {
    public int width() {
      return ids ? 1 : index.size() + 1;
    }

    public void write(Object raw, float[] s, int at) {
      String v = category(raw);
      Integer k = v == null ? null : index.get(v);
      int unknown = index.size();
      if (ids) {
        s[at] = k == null ? 0 : k + 1;
        return;
      }
      java.util.Arrays.fill(s, at, at + unknown + 1, 0f);
      s[at + (k == null ? unknown : k)] = 1f;
    }
  }

  /** FeatureEncoder.Hashed: FNV-1a over the value's UTF-16 chars into one of {@code buckets}; missing: all zeros. */
  private record Hashed(String name, int buckets) implements Column {
    public int width() {
      return buckets;
    }

    public void write(Object raw, float[] s, int at) {
      java.util.Arrays.fill(s, at, at + buckets, 0f);
      String v = category(raw);
      if (v == null) return;
      int h = 0x811c9dc5;
      for (int i = 0; i < v.length(); i++) {
        h ^= v.charAt(i);
        h *= 0x01000193;
      }
      s[at + Math.floorMod(h, buckets)] = 1f;
    }
  }

  private final Column[] columns;
  private final int width;

  private InputColumns(Column[] columns) {
    this.columns = columns;
    int w = 0;
    for (Column c : columns) w += c.width();
    this.width = w;
  }

  /** The encoders of a {@code preprocessing.features} list. */
  static InputColumns fromList(Path file, Object features) {
    if (!(features instanceof List<?> list)) throw new ModelFileException(file, "preprocessing.features: expected a list");
    Column[] columns = new Column[list.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = column(new SpecOptions(file, "preprocessing.features[" + i + "]", list.get(i)));
    }
    return new InputColumns(columns);
  }

  private static Column column(SpecOptions o) {
    String name = o.text("column");
    return switch (o.text("kind")) {
      case "numeric" -> new Numeric(name, o.text("scaling").equals("log"), o.number("shift"), positive(o, "scale"),
          (float) o.number("impute"), o.flag("indicator"));
      case "onehot", "ids" -> new OneHot(name, index(o.strings("categories")), o.text("kind").equals("ids"));
      case "hash" -> {
        int buckets = o.integer("buckets");
        if (buckets < 1) throw o.bad("buckets", "≥ 1");
        yield new Hashed(name, buckets);
      }
      default -> throw o.bad("kind", "one of numeric, onehot, ids, hash");
    };
  }

  private static double positive(SpecOptions o, String key) {
    double v = o.number(key);
    if (!(v != 0)) throw o.bad(key, "a number other than 0");
    return v;
  }

  private static Map<String, Integer> index(List<String> categories) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < categories.size(); i++) m.put(categories.get(i), i);
    return Map.copyOf(m);
  }

  /** The raw columns a row needs, in model order. */
  List<String> names() {
    List<String> out = new ArrayList<>();
    for (Column c : columns) out.add(c.name());
    return out;
  }

  int width() {
    return width;
  }

  /** Writes the model inputs of {@code row} at {@code s[at, at + width)}; an absent column is an error naming it. */
  void encode(Map<String, ?> row, float[] s, int at) {
    for (Column c : columns) {
      Object raw = row.get(c.name());
      if (raw == null && !row.containsKey(c.name())) {
        throw new IllegalArgumentException("the row has no column '" + c.name() + "' (give null for a missing value); "
            + "the model reads " + names());
      }
      c.write(raw, s, at);
      at += c.width();
    }
  }

  /** A raw number: NaN when missing; an IllegalArgumentException naming the column for text that is no number. */
  private static double number(String column, Object raw) {
    if (raw instanceof Number n) {
      double x = n.doubleValue();
      if (Double.isInfinite(x)) throw notNumber(column, raw);
      return x;
    }
    String v = category(raw);
    if (v == null) return Double.NaN;
    try {
      double x = Double.parseDouble(v);
      if (Double.isFinite(x)) return x;
    } catch (NumberFormatException e) {
      // reported below, with the column
    }
    throw notNumber(column, raw);
  }

  private static IllegalArgumentException notNumber(String column, Object raw) {
    return new IllegalArgumentException("column '" + column + "' is numeric but has the value '" + raw
        + "', expected a finite number (or null when missing)");
  }

  /** A raw category as the CSV reader would hold it: stripped text, null when missing. */
  private static String category(Object raw) {
    if (raw == null) return null;
    if (raw instanceof Double d && d.isNaN() || raw instanceof Float f && f.isNaN()) return null;
    String v = raw.toString().strip();
    return MISSING.contains(v) ? null : v;
  }
}
