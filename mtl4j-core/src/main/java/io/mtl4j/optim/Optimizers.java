package io.mtl4j.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Registry of optimizers by lowercase name ({@code sgd}, {@code adam}, {@code adamw}), case-insensitive. Options come
 * as a map keyed by the {@code Options} record's component names (e.g. {@code learningRate}, {@code beta1},
 * {@code momentum}, {@code nesterov}); absent keys take the defaults, unknown keys are rejected.
 */
public final class Optimizers {
  private Optimizers() {}

  @FunctionalInterface
  private interface Factory {
    Optimizer create(OptionMap options, LrSchedule schedule);
  }

  private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

  static {
    FACTORIES.put("sgd", (o, s) -> new SGD(new SGD.Options(o.number("learningRate", 0.01), o.number("momentum", 0),
        o.number("weightDecay", 0), o.bool("nesterov", false)), s));
    FACTORIES.put("adam", (o, s) -> {
      Adam.Options d = Adam.Options.defaults();
      return new Adam(new Adam.Options(o.number("learningRate", d.learningRate()), o.number("beta1", d.beta1()),
          o.number("beta2", d.beta2()), o.number("epsilon", d.epsilon()), o.number("weightDecay", d.weightDecay())),
          s);
    });
    FACTORIES.put("adamw", (o, s) -> {
      AdamW.Options d = AdamW.Options.defaults();
      return new AdamW(new AdamW.Options(o.number("learningRate", d.learningRate()), o.number("beta1", d.beta1()),
          o.number("beta2", d.beta2()), o.number("epsilon", d.epsilon()), o.number("weightDecay", d.weightDecay())),
          s);
    });
  }

  /** Registered names, in registration order. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /** The optimizer {@code name} with default options and a constant schedule. */
  public static Optimizer create(String name) {
    return create(name, Map.of(), LrSchedule.constant());
  }

  /**
   * The optimizer {@code name} with {@code options} (record component name → Number, or Boolean for
   * {@code nesterov}) and {@code schedule}. SGD's default learning rate is 0.01 (torch has none).
   *
   * @throws IllegalArgumentException for an unknown name or option key, a wrongly typed value, or an invalid value
   */
  public static Optimizer create(String name, Map<String, ?> options, LrSchedule schedule) {
    Objects.requireNonNull(name, "name");
    Factory factory = FACTORIES.get(name.toLowerCase(Locale.ROOT));
    if (factory == null) {
      throw new IllegalArgumentException("unknown optimizer '" + name + "'; known: " + names());
    }
    OptionMap reader = new OptionMap(name.toLowerCase(Locale.ROOT), options);
    Optimizer optimizer = factory.create(reader, Objects.requireNonNull(schedule, "schedule"));
    reader.rejectUnread();
    return optimizer;
  }

  /** Typed reads from a loosely typed map that remember which keys were used. */
  private static final class OptionMap {
    private final String optimizer;
    private final Map<String, ?> values;
    private final Set<String> read = new TreeSet<>();

    OptionMap(String optimizer, Map<String, ?> values) {
      this.optimizer = optimizer;
      this.values = Objects.requireNonNull(values, "options");
    }

    double number(String key, double fallback) {
      read.add(key);
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof Number n)) {
        throw new IllegalArgumentException(optimizer + " option " + key + " = " + v + ", expected a number");
      }
      return n.doubleValue();
    }

    boolean bool(String key, boolean fallback) {
      read.add(key);
      Object v = values.get(key);
      if (v == null) {
        return fallback;
      }
      if (!(v instanceof Boolean b)) {
        throw new IllegalArgumentException(optimizer + " option " + key + " = " + v + ", expected true or false");
      }
      return b;
    }

    void rejectUnread() {
      Set<String> unknown = new TreeSet<>(values.keySet());
      unknown.removeAll(read);
      if (!unknown.isEmpty()) {
        throw new IllegalArgumentException(
            "unknown " + optimizer + " option(s) " + unknown + "; known: " + read);
      }
    }
  }
}
