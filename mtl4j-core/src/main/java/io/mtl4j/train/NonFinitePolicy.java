package io.mtl4j.train;

import java.util.Arrays;
import java.util.Locale;

/** What the trainer does when a loss or the gradient becomes NaN or infinite. */
public enum NonFinitePolicy {
  /** Stop with a diagnosis naming the task, epoch and batch (the default). */
  FAIL,
  /** Drop the batch: no parameter update, training continues. */
  SKIP,
  /** Return to the last checkpoint (or the start) and continue with the learning rate times the rollback factor. */
  ROLLBACK;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static NonFinitePolicy byName(String name) {
    for (NonFinitePolicy p : values()) if (p.configName().equalsIgnoreCase(name.trim())) return p;
    throw new IllegalArgumentException("training.nonFinite = '" + name + "': expected one of "
        + Arrays.stream(values()).map(NonFinitePolicy::configName).toList());
  }
}
