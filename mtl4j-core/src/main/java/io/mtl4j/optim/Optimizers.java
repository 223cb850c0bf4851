package io.mtl4j.optim;

import io.mtl4j.config.Registry;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Registry of optimizers by lowercase name ({@code sgd}, {@code adam}, {@code adamw}): a name and an options map bind
 * to that optimizer's {@link OptimizerOptions} record by its component names ({@code learningRate}, {@code beta1},
 * {@code momentum}, {@code nesterov}, …; absent keys take the defaults, unknown keys fail). {@link #defaults()} is an
 * immutable value: register your own with {@code Optimizers.defaults().with("lion", o -> o.record(…))}.
 */
public final class Optimizers {
  private static final Registry<OptimizerOptions> DEFAULTS = Registry.<OptimizerOptions>of("optimizer")
      .with("sgd", o -> o.record(SGD.Options.class, SGD.Options.defaults()))
      .with("adam", o -> o.record(Adam.Options.class, Adam.Options.defaults()))
      .with("adamw", o -> o.record(AdamW.Options.class, AdamW.Options.defaults()));

  private Optimizers() {}

  /** The built-in optimizers' options by name. */
  public static Registry<OptimizerOptions> defaults() {
    return DEFAULTS;
  }

  /** Registered names, in registration order. */
  public static List<String> names() {
    return DEFAULTS.names();
  }

  /** The optimizer {@code name} with default options and a constant schedule. */
  public static Optimizer create(String name) {
    return create(name, Map.of(), LrSchedule.constant());
  }

  /**
   * The optimizer {@code name} with {@code options} over its defaults and {@code schedule}. SGD's default learning
   * rate is 0.01 (torch has none).
   *
   * @throws IllegalArgumentException for an unknown name or option key, a wrongly typed value, or an invalid value
   */
  public static Optimizer create(String name, Map<String, ?> options, LrSchedule schedule) {
    return DEFAULTS.create(name, options).create(Objects.requireNonNull(schedule, "schedule"));
  }
}
