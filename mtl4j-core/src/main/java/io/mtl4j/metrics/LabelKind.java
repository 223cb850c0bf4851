package io.mtl4j.metrics;

/**
 * How a metric reads predictions [B, width] (row-major) and labels. Rows whose mask is 0 are left out everywhere.
 */
public enum LabelKind {
  /** Width 1: probability of class 1; labels [B] in {0, 1}. */
  BINARY,
  /** Width k &ge; 2: class probabilities; labels [B], the class index as a float. */
  MULTICLASS,
  /** Width 1: predicted value; labels [B]. */
  REGRESSION,
  /** Width k: per-label probabilities; labels [B, k] in {0, 1}; the mask is per row. */
  MULTILABEL;

  /** Lowercase name, as in messages and configs. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
