package io.mtl4j.cli.tune;

import io.mtl4j.tensor.Permutations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The {@code tune.space} of a config: each config key path with its candidate values, a list or (random search only)
 * a numeric range. Keys are checked here for their place (a section that training reads); whether a value suits its
 * key is checked by binding each trial's config ({@link Tuner#plan}).
 */
public final class SearchSpace {
  /** Sections whose keys a trial may change: those that do not touch the rows, so every trial sees the same split. */
  static final Set<String> SECTIONS = Set.of("architecture", "optimizer", "weighting", "training");

  /** Candidate values of one key. */
  sealed interface Dimension permits Choices, Range {
    Object draw(SplittableRandom random);
  }

  /** One of the listed values, each as likely. */
  record Choices(List<Object> values) implements Dimension {
    public Object draw(SplittableRandom random) {
      return values.get(random.nextInt(values.size()));
    }
  }

  /** Uniform in [min, max), or log-uniform with {@code log}; whole numbers when both bounds are. */
  record Range(double min, double max, boolean log, boolean whole) implements Dimension {
    public Object draw(SplittableRandom random) {
      double u = random.nextDouble();
      double v = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
      return whole ? (Object) Math.min((long) Math.floor(v), (long) max) : (Object) v;
    }
  }

  /** Grids up to this size are enumerated for draws without replacement; larger ones are drawn key by key. */
  private static final long ENUMERABLE = 100_000;

  private final Map<String, Dimension> dimensions;
  private final Map<String, Object> given;

  private SearchSpace(Map<String, Dimension> dimensions, Map<String, Object> given) {
    this.dimensions = dimensions;
    this.given = given;
  }

  /**
   * @throws IllegalArgumentException naming {@code tune.space.KEY} when a key is outside {@link #SECTIONS} or its
   *                                  values are neither a non-empty list nor a {@code {min, max, log}} range
   */
  static SearchSpace of(Map<String, Object> space) {
    if (space == null || space.isEmpty()) {
      throw new IllegalArgumentException("tune.space is missing or empty: map config key paths to lists of values, "
          + "e.g. optimizer.options.learningRate: [0.001, 0.01]");
    }
    Map<String, Dimension> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : space.entrySet()) out.put(e.getKey(), dimension(e.getKey(), e.getValue()));
    return new SearchSpace(out, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(space)));
  }

  private static Dimension dimension(String key, Object value) {
    String where = "tune.space." + key;
    String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
    if (!SECTIONS.contains(section) || !key.contains(".")) {
      throw new IllegalArgumentException(where + ": expected a key path under " + new java.util.TreeSet<>(SECTIONS)
          + " (such as optimizer.options.learningRate); data, features and tasks fix the rows, which every trial shares");
    }
    String moved = key.equals("training.learningRate") ? "optimizer.options.learningRate"
        : key.startsWith("training.optimizer.") || key.startsWith("training.weighting.") ? key.substring("training.".length()) : null;
    if (moved != null) {
      throw new IllegalArgumentException(where + ": the config has no such key; did you mean " + moved + "? (optimizer and "
          + "weighting are top-level sections)");
    }
    if (key.equals("training.seed")) {
      throw new IllegalArgumentException(where + ": the seed is not tuned (every trial trains with the run's seed); "
          + "compare several seeds with compare.seeds");
    }
    if (value instanceof List<?> list) {
      if (list.isEmpty()) throw new IllegalArgumentException(where + ": the list of values is empty");
      return new Choices(List.copyOf(new ArrayList<Object>(list)));
    }
    if (value instanceof Map<?, ?> range) return range(where, range);
    throw new IllegalArgumentException(where + " = " + value + ", expected a list of values or {min: A, max: B, log: true}");
  }

  private static Range range(String where, Map<?, ?> m) {
    for (Object k : m.keySet()) {
      if (!Set.of("min", "max", "log").contains(String.valueOf(k))) {
        throw new IllegalArgumentException(where + ": unknown range key '" + k + "'; known: [log, max, min]");
      }
    }
    if (!(m.get("min") instanceof Number lo) || !(m.get("max") instanceof Number hi)) {
      throw new IllegalArgumentException(where + ": a range needs numbers min and max, got " + m);
    }
    Object log = m.get("log");
    if (log != null && !(log instanceof Boolean)) throw new IllegalArgumentException(where + ".log = " + log + ", expected true or false");
    boolean isLog = Boolean.TRUE.equals(log);
    if (!(lo.doubleValue() < hi.doubleValue()) || isLog && !(lo.doubleValue() > 0)) {
      throw new IllegalArgumentException(where + ": min = " + lo + ", max = " + hi + ", expected min < max"
          + (isLog ? " and min > 0 (log scale)" : ""));
    }
    boolean whole = !(lo instanceof Double || lo instanceof Float) && !(hi instanceof Double || hi instanceof Float);
    return new Range(lo.doubleValue(), hi.doubleValue(), isLog, whole);
  }

  /** Each key with its values as the config gives them (for tuning.json). */
  public Map<String, Object> given() {
    return given;
  }

  /** Whether every key has a list (a grid can be enumerated). */
  boolean discrete() {
    return dimensions.values().stream().allMatch(d -> d instanceof Choices);
  }

  /** The number of combinations of the lists, saturated at {@link Long#MAX_VALUE}. */
  long gridSize() {
    long n = 1;
    for (Dimension d : dimensions.values()) {
      try {
        n = Math.multiplyExact(n, ((Choices) d).values().size());
      } catch (ArithmeticException e) {
        return Long.MAX_VALUE;
      }
    }
    return n;
  }

  /** Every combination, the first key varying slowest (the order of {@code tune.space}). */
  List<Map<String, Object>> grid() {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, Dimension> e : dimensions.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> partial : out) {
        for (Object v : ((Choices) e.getValue()).values()) {
          Map<String, Object> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /**
   * {@code budget} seeded draws. When every key has a list (and the grid is not huge), draws are of distinct
   * combinations, as many as the grid holds at most: a repeated trial would only cost time. Otherwise each key is
   * drawn on its own.
   */
  List<Map<String, Object>> random(int budget, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    if (discrete() && gridSize() <= ENUMERABLE) {
      List<Map<String, Object>> grid = grid();
      int[] order = Permutations.shuffled(grid.size(), random);
      return Arrays.stream(order, 0, Math.min(budget, grid.size())).mapToObj(grid::get).toList();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int t = 0; t < budget; t++) {
      Map<String, Object> m = new LinkedHashMap<>();
      dimensions.forEach((k, d) -> m.put(k, d.draw(random)));
      out.add(m);
    }
    return out;
  }
}
