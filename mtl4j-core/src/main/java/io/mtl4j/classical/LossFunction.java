package io.mtl4j.classical;

import java.util.Locale;

/** The data-fit term of a linear multi-task formulation. */
public enum LossFunction {
  /** Squared error on real targets, scaled as MALSAR's Least_* function of the formulation scales it. */
  LEAST_SQUARES,
  /** Logistic loss on labels in {-1, +1} with an unpenalised intercept per task, mean over each task's rows. */
  LOGISTIC;

  /** Registry spelling: {@code least-squares} or {@code logistic}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static LossFunction fromKey(String key) {
    for (LossFunction l : values()) {
      if (l.key().equalsIgnoreCase(key.trim()) || l.name().equalsIgnoreCase(key.trim())) return l;
    }
    throw new IllegalArgumentException("loss = '" + key + "': expected least-squares or logistic");
  }
}
