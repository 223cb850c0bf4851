package io.mtl4j.runtime;

import io.mtl4j.io.ModelFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of one options map of a model file's spec (an architecture's or the heads'), as mtl4j-core's
 * {@code OptionBinder.toMap} writes them: every record component by name, int arrays as lists, enums as lowercase
 * names. A missing or ill-typed value is a {@link ModelFileException} naming its key path.
 */
final class SpecOptions {
  private final Path file;
  private final String where;
  private final Map<?, ?> map;

  SpecOptions(Path file, String where, Object map) {
    if (!(map instanceof Map<?, ?> m)) throw new ModelFileException(file, where + ": expected a map, got " + map);
    this.file = file;
    this.where = where;
    this.map = m;
  }

  /** The map under {@code key}; {@code fallback} when there is none. */
  SpecOptions child(String key, Map<?, ?> fallback) {
    return new SpecOptions(file, where + "." + key, map.containsKey(key) ? map.get(key) : fallback);
  }

  /** The non-empty list under {@code key}. */
  List<?> list(String key) {
    if (!(map.get(key) instanceof List<?> list) || list.isEmpty()) throw bad(key, "a non-empty list");
    return list;
  }

  int integer(String key) {
    if (!(map.get(key) instanceof Integer n)) throw bad(key, "a whole number");
    return n;
  }

  double number(String key) {
    if (!(map.get(key) instanceof Number n) || !Double.isFinite(n.doubleValue())) throw bad(key, "a finite number");
    return n.doubleValue();
  }

  String text(String key) {
    if (!(map.get(key) instanceof String s)) throw bad(key, "a string");
    return s;
  }

  boolean flag(String key) {
    if (!(map.get(key) instanceof Boolean b)) throw bad(key, "true or false");
    return b;
  }

  /** A list of strings; an absent key is the empty list. */
  java.util.List<String> strings(String key) {
    if (map.get(key) == null) return java.util.List.of();
    if (!(map.get(key) instanceof List<?> list)) throw bad(key, "a list of strings");
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) throw bad(key, "a list of strings");
      out.add(s);
    }
    return out;
  }

  /** Layer sizes: a list of whole numbers ≥ 1 (may be empty). */
  int[] layers(String key) {
    if (!(map.get(key) instanceof List<?> list)) throw bad(key, "a list of layer sizes");
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      if (!(list.get(i) instanceof Integer n) || n < 1) throw bad(key, "a list of layer sizes ≥ 1");
      out[i] = n;
    }
    return out;
  }

  Activation activation(String key) {
    Activation a = Activation.named(text(key));
    if (a == null) throw bad(key, "one of relu, sigmoid, tanh, gelu, identity");
    return a;
  }

  ModelFileException bad(String key, String expected) {
    return new ModelFileException(file, where + "." + key + " = " + map.get(key) + ": expected " + expected);
  }
}
