package io.mtl4j.task;

import io.mtl4j.config.Registry;
import io.mtl4j.task.loss.BceWithLogits;
import io.mtl4j.task.loss.Huber;
import io.mtl4j.task.loss.Mae;
import io.mtl4j.task.loss.Mse;
import io.mtl4j.task.loss.MultilabelBce;
import io.mtl4j.task.loss.PixelCrossEntropy;
import io.mtl4j.task.loss.SoftmaxCrossEntropy;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Loss registry: name → factory. Add a loss class under {@code task.loss}, its test, and one line here. A user's own
 * loss goes in a registry of its own, {@code Losses.defaults().with("pinball", o -> new Pinball())}, passed to
 * {@code TrainingConfig.Builder#losses}; a {@link Task} names its loss, and the name is what a model file records.
 */
public final class Losses {
  // Registered in name order: the order of "known: [...]" in messages.
  private static final Registry<Loss> DEFAULTS = Registry.<Loss>of("loss")
      .with("bce", o -> new BceWithLogits())
      .with("cross-entropy", o -> new SoftmaxCrossEntropy())
      .with("huber", o -> new Huber(1.0))
      .with("mae", o -> new Mae())
      .with("mse", o -> new Mse())
      .with("multilabel-bce", o -> new MultilabelBce())
      .with("pixel-cross-entropy", o -> new PixelCrossEntropy());

  private Losses() {}

  /** The built-in losses; {@link Registry#with} returns a copy with one more, leaving these unchanged. */
  public static Registry<Loss> defaults() {
    return DEFAULTS;
  }

  /** A built-in loss by name ({@code defaults().create(name, Map.of())}). */
  public static Loss byName(String name) {
    return DEFAULTS.create(name, Map.of(), "loss");
  }

  /** The built-in names, in name order. */
  public static Set<String> names() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(DEFAULTS.names()));
  }
}
