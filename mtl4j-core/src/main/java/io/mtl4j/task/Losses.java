package io.mtl4j.task;

import io.mtl4j.task.loss.BceWithLogits;
import io.mtl4j.task.loss.Huber;
import io.mtl4j.task.loss.Mae;
import io.mtl4j.task.loss.Mse;
import io.mtl4j.task.loss.MultilabelBce;
import io.mtl4j.task.loss.SoftmaxCrossEntropy;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Loss registry: name → factory. Add a loss class under {@code task.loss}, its test, and one line here. */
public final class Losses {
  private static final Map<String, Supplier<Loss>> REGISTRY = new TreeMap<>(Map.of(
      "bce", BceWithLogits::new,
      "cross-entropy", SoftmaxCrossEntropy::new,
      "mse", Mse::new,
      "mae", Mae::new,
      "huber", () -> new Huber(1.0),
      "multilabel-bce", MultilabelBce::new));

  private Losses() {}

  public static Loss byName(String name) {
    Supplier<Loss> f = REGISTRY.get(name.toLowerCase(Locale.ROOT));
    if (f == null) {
      throw new IllegalArgumentException("unknown loss '" + name + "'; known: " + REGISTRY.keySet());
    }
    return f.get();
  }

  public static java.util.Set<String> names() {
    return REGISTRY.keySet();
  }
}
