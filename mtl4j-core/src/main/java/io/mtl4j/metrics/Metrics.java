package io.mtl4j.metrics;

import io.mtl4j.config.Registry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Registry of metrics by lowercase name and {@link LabelKind}, case-insensitive, plus the default metrics of each
 * kind (the first is the task's primary metric). On multiclass and multilabel tasks the plain {@code precision},
 * {@code recall} and {@code f1} are macro-averaged and report themselves as {@code f1-macro} etc.
 *
 * <p>{@link #defaults()} is the same set as an immutable {@link Registry}: a user's own metric goes in a copy,
 * {@code Metrics.defaults().with("lift", o -> kind -> new Lift(kind))}, passed to {@code TrainingConfig.Builder#metrics}
 * and {@code ModelEvaluator.evaluate(model, data, metrics)}; the static lookups read the built-in ones.
 */
public final class Metrics {
  private Metrics() {}

  private static final Map<LabelKind, Map<String, Supplier<Metric>>> REGISTRY = new EnumMap<>(LabelKind.class);
  private static final Map<LabelKind, List<String>> DEFAULTS = new EnumMap<>(LabelKind.class);
  private static final Registry<Metric.ForKind> REGISTRY_VALUE;

  static {
    for (LabelKind kind : LabelKind.values()) {
      Map<String, Supplier<Metric>> m = new LinkedHashMap<>();
      if (kind != LabelKind.REGRESSION) {
        Averaging plain = kind == LabelKind.BINARY ? Averaging.POSITIVE : Averaging.MACRO;
        m.put("accuracy", () -> new Accuracy(kind));
        if (kind == LabelKind.MULTILABEL) {
          m.put("hamming-accuracy", HammingAccuracy::new);
        }
        m.put("precision", () -> new Precision(kind, plain));
        m.put("precision-macro", () -> new Precision(kind, Averaging.MACRO));
        m.put("precision-micro", () -> new Precision(kind, Averaging.MICRO));
        m.put("recall", () -> new Recall(kind, plain));
        m.put("recall-macro", () -> new Recall(kind, Averaging.MACRO));
        m.put("recall-micro", () -> new Recall(kind, Averaging.MICRO));
        m.put("f1", () -> new F1(kind, plain));
        m.put("f1-macro", () -> new F1(kind, Averaging.MACRO));
        m.put("f1-micro", () -> new F1(kind, Averaging.MICRO));
        m.put("auc", () -> new Auc(kind));
        m.put("logloss", () -> new LogLoss(kind));
      }
      if (kind == LabelKind.BINARY || kind == LabelKind.MULTICLASS) {
        // per-pixel rows of a dense head (PixelRows)
        m.put("mean-iou", () -> new MeanIoU(kind));
        m.put("pixel-accuracy", () -> new PixelAccuracy(kind));
      }
      if (kind != LabelKind.MULTICLASS) {
        m.put("mse", () -> new Mse(kind));
        m.put("rmse", () -> new Rmse(kind));
        m.put("mae", () -> new Mae(kind));
      }
      if (kind == LabelKind.REGRESSION) {
        m.put("r2", R2::new);
      }
      REGISTRY.put(kind, Collections.unmodifiableMap(m));
    }
    Registry<Metric.ForKind> registry = Registry.of("metric");
    for (String name : allNames()) {
      registry = registry.with(name, o -> kind -> byName(name, kind));
    }
    REGISTRY_VALUE = registry;
    DEFAULTS.put(LabelKind.BINARY, List.of("auc", "accuracy", "logloss"));
    DEFAULTS.put(LabelKind.MULTICLASS, List.of("accuracy", "f1-macro", "logloss"));
    DEFAULTS.put(LabelKind.REGRESSION, List.of("rmse", "mae", "r2"));
    DEFAULTS.put(LabelKind.MULTILABEL, List.of("auc", "f1-micro", "f1-macro"));
  }

  /** The built-in metrics as a registry; {@link Registry#with} returns a copy with one more, leaving these unchanged. */
  public static Registry<Metric.ForKind> defaults() {
    return REGISTRY_VALUE;
  }

  /**
   * The metric {@code name} for {@code kind} from {@code registry}.
   *
   * @throws IllegalArgumentException for a name {@code registry} does not know (listing the names it knows) or one
   *                                  that does not apply to {@code kind}
   */
  public static Metric byName(Registry<Metric.ForKind> registry, String name, LabelKind kind) {
    Objects.requireNonNull(kind, "kind");
    if (registry == REGISTRY_VALUE) return byName(name, kind); // its messages list the names known for the kind
    if (!registry.contains(name)) {
      throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + registry.names());
    }
    Metric metric = registry.create(name, Map.of(), "metric." + registry.canonicalName(name)).of(kind);
    if (metric == null) throw new IllegalStateException("metric '" + name + "': the factory returned null");
    return metric;
  }

  /**
   * The metric {@code name} for {@code kind}.
   *
   * @throws IllegalArgumentException for a name unknown for that kind, listing the names it knows
   */
  public static Metric byName(String name, LabelKind kind) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    String key = name.toLowerCase(Locale.ROOT);
    Supplier<Metric> factory = REGISTRY.get(kind).get(key);
    if (factory != null) {
      return factory.get();
    }
    String known = "; known for " + kind.label() + ": " + names(kind);
    if (allNames().contains(key)) {
      throw new IllegalArgumentException("metric '" + name + "' does not apply to " + kind.label() + " labels" + known);
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'" + known);
  }

  /** Names registered for {@code kind}, in a fixed order. */
  public static List<String> names(LabelKind kind) {
    return List.copyOf(REGISTRY.get(kind).keySet());
  }

  /** Every registered name, whatever the kind. */
  public static Set<String> allNames() {
    Set<String> all = new LinkedHashSet<>();
    REGISTRY.values().forEach(m -> all.addAll(m.keySet()));
    return Collections.unmodifiableSet(all);
  }

  /** Default metrics of {@code kind}; the first is the primary one (binary: auc, multiclass: accuracy...). */
  public static List<Metric> defaults(LabelKind kind) {
    List<Metric> out = new ArrayList<>();
    for (String name : DEFAULTS.get(kind)) {
      out.add(byName(name, kind));
    }
    return List.copyOf(out);
  }

  /** Direction of a metric by name alone (the same for every kind), for tables of stored values. */
  public static boolean higherIsBetter(String name) {
    String key = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    for (LabelKind kind : LabelKind.values()) {
      Supplier<Metric> factory = REGISTRY.get(kind).get(key);
      if (factory != null) {
        return factory.get().higherIsBetter();
      }
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'; known: " + allNames());
  }
}
