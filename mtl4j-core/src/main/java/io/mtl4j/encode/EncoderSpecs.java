package io.mtl4j.encode;

import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/** The encoder kinds by their model-file name, and the map reading their specs share (errors name the key path). */
public final class EncoderSpecs {
  private static final Map<String, BiFunction<Map<String, ?>, String, EncoderSpec>> KINDS = new TreeMap<>(Map.of(
      "dense", DenseEncoder.Spec::fromMap,
      "categorical", CategoricalEncoder.Spec::fromMap,
      "tokens", TokenEncoder.Spec::fromMap,
      "image", ImageEncoder.Spec::fromMap));

  private EncoderSpecs() {}

  /** {@code spec} as a plain map with its {@code kind} first. */
  public static Map<String, Object> toMap(EncoderSpec spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kind", spec.kind());
    out.putAll(spec.toMap());
    return out;
  }

  /** Reads a spec written by {@link #toMap}; {@code where} is the key path used in error messages. */
  public static EncoderSpec fromMap(Map<String, ?> map, String where) {
    String kind = string(map, "kind", where);
    BiFunction<Map<String, ?>, String, EncoderSpec> reader = KINDS.get(kind);
    if (reader == null) {
      throw new IllegalArgumentException(where + ".kind = '" + kind + "': unknown encoder kind; known: " + KINDS.keySet());
    }
    return reader.apply(map, where);
  }

  static void requireName(String name) {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("feature group or field name is empty");
  }

  static String describe(GroupRows rows) {
    return rows == null ? "no rows" : rows.getClass().getSimpleName() + " of " + rows.rows() + " rows"
        + (rows instanceof CategoricalRows c ? " with " + c.fields().size() + " fields" : "")
        + (rows instanceof DenseRows d ? " of width " + d.width() : "")
        + (rows instanceof SparseRows s ? " of width " + s.width() : "");
  }

  /**
   * Declares an embedding table {@code prefix.table} [rows, dimension]; row-sparse or dense, its layout and initial
   * values are the same.
   */
  static ParameterBuffer.ParameterRef table(ParameterBuffer.Builder builder, String prefix, int owner, int rows,
                                            int dimension, boolean sparse) {
    String name = prefix + ".table";
    return sparse ? builder.addRowSparse(name, Init.XAVIER_UNIFORM, owner, rows, dimension)
        : builder.add(name, Init.XAVIER_UNIFORM, owner, rows, dimension);
  }

  /** Writes {@code sparse} only when set, so the model files of dense tables stay as they were before the flag. */
  static void putSparse(Map<String, Object> out, boolean sparse) {
    if (sparse) out.put("sparse", true);
  }

  static Pooling pooling(String name, String where) {
    try {
      return Pooling.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " = '" + name + "': expected one of [sum, mean]", e);
    }
  }

  static String string(Map<String, ?> m, String key, String where) {
    Object v = m.get(key);
    if (!(v instanceof String s)) throw new IllegalArgumentException(where + "." + key + ": expected a string, got " + v);
    return s;
  }

  static int integer(Map<String, ?> m, String key, String where) {
    Object v = m.get(key);
    if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
        || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + "." + key + ": expected an integer, got " + v);
    }
    return n.intValue();
  }

  static boolean flag(Map<String, ?> m, String key, String where) {
    Object v = m.get(key);
    if (v == null) return false;
    if (!(v instanceof Boolean b)) throw new IllegalArgumentException(where + "." + key + ": expected true or false, got " + v);
    return b;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, ?>> maps(Map<String, ?> m, String key, String where) {
    if (!(m.get(key) instanceof List<?> list)) throw new IllegalArgumentException(where + "." + key + ": expected a list");
    List<Map<String, ?>> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> e)) {
        throw new IllegalArgumentException(where + "." + key + "[" + i + "]: expected a map");
      }
      out.add((Map<String, ?>) e);
    }
    return out;
  }
}
