package io.mtl4j.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds an {@code Options} record from a name → value map (record component names), taking the defaults for
 * absent keys; the record's compact constructor validates the values. {@link #toMap} is the inverse, for model files
 * and provenance. One binding serves configs, registries and files.
 */
public final class OptionBinder {
  private OptionBinder() {}

  /** The record's components by name, in declaration order (int[] and List values copied). */
  public static Map<String, Object> toMap(Record options) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent c : options.getClass().getRecordComponents()) {
      Object v = read(c, options);
      if (v instanceof int[] a) v = Arrays.stream(a).boxed().toList();
      if (v instanceof Enum<?> e) v = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
      out.put(c.getName(), v);
    }
    return out;
  }

  public static <R extends Record> R bind(Class<R> type, R defaults, Map<String, ?> values) {
    RecordComponent[] components = type.getRecordComponents();
    TreeSet<String> known = new TreeSet<>();
    for (RecordComponent c : components) {
      known.add(c.getName());
    }
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown option '" + key + "' for " + ownerName(type) + "; known: " + known);
      }
    }
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      args[i] = values.containsKey(c.getName())
          ? convert(type, c.getName(), c.getType(), values.get(c.getName()))
          : read(c, defaults);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalStateException("cannot build " + type.getName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  /** "MMoE" for MMoE.Options, else the record's own name. */
  private static String ownerName(Class<?> type) {
    return type.getEnclosingClass() != null ? type.getEnclosingClass().getSimpleName() : type.getSimpleName();
  }

  private static Object read(RecordComponent c, Object defaults) {
    try {
      return c.getAccessor().invoke(defaults);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read default " + c.getName(), e);
    }
  }

  private static Object convert(Class<?> owner, String name, Class<?> target, Object value) {
    String where = ownerName(owner) + " option '" + name + "'";
    if (value == null) {
      throw new IllegalArgumentException(where + ": null is not allowed");
    }
    if (target == double.class) {
      return number(where, value).doubleValue();
    }
    if (target == int.class) {
      double d = number(where, value).doubleValue();
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(where + " = " + value + ": expected an integer");
      }
      return (int) d;
    }
    if (target == boolean.class) {
      if (value instanceof Boolean b) return b;
      String t = value.toString().trim();
      if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return Boolean.parseBoolean(t);
      throw new IllegalArgumentException(where + " = '" + value + "': expected true or false");
    }
    if (target == long.class) {
      double d = number(where, value).doubleValue();
      if (d != Math.rint(d)) throw new IllegalArgumentException(where + " = " + value + ": expected an integer");
      return (long) d;
    }
    if (target == int[].class) {
      List<Double> list = doubles(where, value);
      int[] out = new int[list.size()];
      for (int i = 0; i < out.length; i++) {
        double d = list.get(i);
        if (d != Math.rint(d)) throw new IllegalArgumentException(where + " = " + value + ": expected integers");
        out[i] = (int) d;
      }
      return out;
    }
    if (target == String.class) {
      return value.toString();
    }
    if (target.isEnum()) {
      return enumConstant(where, target, value.toString());
    }
    if (target == List.class) {
      return doubles(where, value);
    }
    throw new IllegalStateException(where + ": unsupported option type " + target);
  }

  private static Number number(String where, Object value) {
    if (value instanceof Number n) {
      return n;
    }
    try {
      return Double.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " = '" + value + "': expected a number", e);
    }
  }

  private static Object enumConstant(String where, Class<?> target, String text) {
    for (Object constant : target.getEnumConstants()) {
      String n = ((Enum<?>) constant).name();
      if (n.equalsIgnoreCase(text.trim().replace('-', '_'))) {
        return constant;
      }
    }
    throw new IllegalArgumentException(where + " = '" + text + "': expected one of "
        + Arrays.toString(target.getEnumConstants()).toLowerCase(Locale.ROOT));
  }

  private static List<Double> doubles(String where, Object value) {
    List<Double> out = new ArrayList<>();
    if (value instanceof double[] a) {
      for (double v : a) {
        out.add(v);
      }
    } else if (value instanceof Iterable<?> it) {
      for (Object o : it) {
        out.add(number(where, o).doubleValue());
      }
    } else {
      for (String part : value.toString().replace("[", "").replace("]", "").split(",")) {
        if (!part.isBlank()) {
          out.add(number(where, part).doubleValue());
        }
      }
    }
    return List.copyOf(out);
  }
}
