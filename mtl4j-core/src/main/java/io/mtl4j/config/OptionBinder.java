package io.mtl4j.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one binder from a loosely typed option map (a YAML block, a model file's JSON, a Java {@code Map}) to typed
 * values: registries, configs and model files all read options through it, so they accept the same spellings and
 * fail with the same messages.
 *
 * <p>Keys match by {@link #normalise}: ignoring case, {@code -} and {@code _} ({@code maxIter}, {@code max-iter} and
 * {@code max_iter} are one key). Every given key must be read: {@link #requireAllUsed} fails on the first one no lookup
 * asked for, listing the keys that were. Messages name the key path ({@code weighting.options.temperature}), the value
 * and what was expected. {@link #record} binds a whole {@code Options} record by its component names (absent keys take
 * the defaults; its compact constructor validates); {@link #toMap} is the inverse, for model files and provenance.
 */
public final class OptionBinder {
  private final String path;
  private final Map<String, Object> values = new LinkedHashMap<>();
  private final Map<String, String> spelled = new LinkedHashMap<>();
  private final Set<String> known = new TreeSet<>();

  /**
   * @param path    where the options sit, for messages: a config key path ({@code optimizer.options}) or a name
   * @param options key → value; null means none
   * @throws IllegalArgumentException when two keys are spellings of one
   */
  public OptionBinder(String path, Map<String, ?> options) {
    this.path = path;
    if (options == null) return;
    options.forEach((k, v) -> {
      String key = normalise(k);
      if (values.containsKey(key)) {
        throw new IllegalArgumentException(path + ": option '" + k + "' given twice (as '" + spelled.get(key) + "' too)");
      }
      values.put(key, v);
      spelled.put(key, k);
    });
  }

  /** The key rule of every option map and registry name: lower case, without {@code -} and {@code _}. */
  public static String normalise(String key) {
    return key.strip().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** True when {@code options} has {@code key} under any of its accepted spellings. */
  public static boolean hasKey(Map<String, ?> options, String key) {
    String n = normalise(key);
    return options.keySet().stream().anyMatch(k -> normalise(k).equals(n));
  }

  /** Binds {@code values} over {@code defaults}, named after the record's owner class in messages ("MMoE"). */
  public static <R extends Record> R bind(Class<R> type, R defaults, Map<String, ?> values) {
    return bind(ownerName(type), type, defaults, values);
  }

  /** Binds {@code values} over {@code defaults}; messages name {@code path}; unknown keys fail. */
  public static <R extends Record> R bind(String path, Class<R> type, R defaults, Map<String, ?> values) {
    OptionBinder binder = new OptionBinder(path, values);
    R bound = binder.record(type, defaults);
    binder.requireAllUsed();
    return bound;
  }

  /** The record's components by name, in declaration order (int[] as lists, enums as lowercase-hyphen names). */
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

  /** Whether the key was given (under any spelling); counts as reading it. */
  public boolean has(String key) {
    known.add(key);
    return values.containsKey(normalise(key));
  }

  public double number(String key, double fallback) {
    return has(key) ? toNumber(key, raw(key)) : fallback;
  }

  /** The first key present among {@code keys} (aliases such as lambda / rho1), else the fallback. */
  public double number(List<String> keys, double fallback) {
    for (String k : keys) {
      if (has(k)) return number(k, fallback);
    }
    return fallback;
  }

  public int integer(String key, int fallback) {
    return has(key) ? toInt(key, raw(key)) : fallback;
  }

  public long longValue(String key, long fallback) {
    return has(key) ? (long) integral(key, raw(key), Long.MAX_VALUE) : fallback;
  }

  public boolean bool(String key, boolean fallback) {
    return has(key) ? toBoolean(key, raw(key)) : fallback;
  }

  public String text(String key, String fallback) {
    return has(key) ? raw(key).toString().strip() : fallback;
  }

  /** A list of strings: a YAML/JSON list, or one comma-separated string. */
  public List<String> strings(String key, List<String> fallback) {
    if (!has(key)) return fallback;
    Object v = raw(key);
    List<String> out = new ArrayList<>();
    if (v instanceof Iterable<?> it) {
      for (Object o : it) {
        if (o == null || o instanceof Map || o instanceof Iterable) {
          throw new IllegalArgumentException(at(key) + " = " + v + ": expected a list of names");
        }
        out.add(o.toString().strip());
      }
    } else {
      for (String part : v.toString().split(",")) if (!part.isBlank()) out.add(part.strip());
    }
    return List.copyOf(out);
  }

  /** A list as given (of maps, say), empty when absent; bind its entries with binders at {@link #at}(key)[i]. */
  public List<?> list(String key) {
    if (!has(key)) return List.of();
    if (!(raw(key) instanceof List<?> l)) throw new IllegalArgumentException(at(key) + ": expected a list");
    return l;
  }

  /** A nested map ({@code key: {a: 1}}), empty when absent; bind it with a binder at {@link #at}(key). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    if (!has(key)) return Map.of();
    if (!(raw(key) instanceof Map<?, ?> m)) throw new IllegalArgumentException(at(key) + ": expected a map of keys to values");
    return (Map<String, Object>) m;
  }

  /**
   * The record {@code type} with each component read under its own name, {@code defaults}' value when absent.
   *
   * @throws IllegalArgumentException for a wrongly typed value or one the record's constructor rejects (prefixed
   *                                  with the path)
   */
  public <R extends Record> R record(Class<R> type, R defaults) {
    RecordComponent[] components = type.getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      types[i] = c.getType();
      args[i] = has(c.getName()) ? convert(c.getName(), c.getType(), raw(c.getName())) : read(c, defaults);
    }
    try {
      return type.getDeclaredConstructor(types).newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException(path + ": " + iae.getMessage(), iae);
      }
      throw new IllegalStateException("cannot build " + type.getName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getName(), e);
    }
  }

  /** Fails on the first given key that no lookup asked for, listing the ones asked for. */
  public void requireAllUsed() {
    Set<String> asked = new TreeSet<>();
    for (String k : known) asked.add(normalise(k));
    for (Map.Entry<String, String> e : spelled.entrySet()) {
      if (asked.contains(e.getKey())) continue;
      if (known.isEmpty()) {
        throw new IllegalArgumentException(path + ": takes no options; got " + new TreeSet<>(spelled.values()));
      }
      throw new IllegalArgumentException(path + ": unknown option '" + e.getValue() + "'; known: " + known);
    }
  }

  private Object raw(String key) {
    Object v = values.get(normalise(key));
    if (v == null) throw new IllegalArgumentException(at(key) + " = null: expected a value");
    return v;
  }

  /** {@code key}'s path for a message the caller writes itself ({@code weighting.options.temperature}). */
  public String at(String key) {
    return path + "." + key;
  }

  private Object convert(String key, Class<?> target, Object value) {
    if (target == double.class) return toNumber(key, value);
    if (target == int.class) return toInt(key, value);
    if (target == long.class) return (long) integral(key, value, Long.MAX_VALUE);
    if (target == boolean.class) return toBoolean(key, value);
    if (target == String.class) return value.toString().strip();
    if (target.isEnum()) return enumConstant(key, target, value.toString());
    if (target == int[].class) return integers(key, value);
    if (target == List.class) return doubles(key, value);
    throw new IllegalStateException(at(key) + ": unsupported option type " + target);
  }

  private double toNumber(String key, Object value) {
    if (value instanceof Number n) return n.doubleValue();
    String text = value.toString().strip().toLowerCase(Locale.ROOT);
    switch (text) {
      case "inf", "+inf", "infinity", ".inf" -> { return Double.POSITIVE_INFINITY; }
      case "-inf", "-infinity", "-.inf" -> { return Double.NEGATIVE_INFINITY; }
      default -> { }
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at(key) + " = '" + value + "': expected a number", e);
    }
  }

  private int toInt(String key, Object value) {
    return (int) integral(key, value, Integer.MAX_VALUE);
  }

  private double integral(String key, Object value, long limit) {
    double d;
    try {
      d = toNumber(key, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at(key) + " = '" + value + "': expected an integer", e.getCause());
    }
    if (d != Math.rint(d) || Math.abs(d) > limit) {
      throw new IllegalArgumentException(at(key) + " = " + value + ": expected an integer");
    }
    return d;
  }

  private boolean toBoolean(String key, Object value) {
    if (value instanceof Boolean b) return b;
    String t = value.toString().strip();
    if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) return Boolean.parseBoolean(t);
    throw new IllegalArgumentException(at(key) + " = '" + value + "': expected true or false");
  }

  private Object enumConstant(String key, Class<?> target, String text) {
    for (Object constant : target.getEnumConstants()) {
      if (((Enum<?>) constant).name().equalsIgnoreCase(text.strip().replace('-', '_'))) return constant;
    }
    throw new IllegalArgumentException(at(key) + " = '" + text + "': expected one of "
        + Arrays.toString(target.getEnumConstants()).toLowerCase(Locale.ROOT));
  }

  private int[] integers(String key, Object value) {
    List<Double> list = doubles(key, value);
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      double d = list.get(i);
      if (d != Math.rint(d)) throw new IllegalArgumentException(at(key) + " = " + value + ": expected integers");
      out[i] = (int) d;
    }
    return out;
  }

  private List<Double> doubles(String key, Object value) {
    List<Double> out = new ArrayList<>();
    if (value instanceof double[] a) {
      for (double v : a) out.add(v);
    } else if (value instanceof Iterable<?> it) {
      for (Object o : it) out.add(toNumber(key, o));
    } else {
      for (String part : value.toString().replace("[", "").replace("]", "").split(",")) {
        if (!part.isBlank()) out.add(toNumber(key, part));
      }
    }
    return List.copyOf(out);
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
}
