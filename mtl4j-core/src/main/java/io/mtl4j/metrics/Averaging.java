package io.mtl4j.metrics;

/** How per-class (or per-label) precision, recall and F1 become one number; scikit-learn's {@code average=}. */
public enum Averaging {
  /** The positive class of a binary task only. */
  POSITIVE,
  /**
   * Unweighted mean over classes: for multiclass (and binary) the classes seen in labels or predictions, for
   * multilabel every label column, as scikit-learn does.
   */
  MACRO,
  /** Counts pooled over classes or label cells before dividing; equals accuracy for single-label tasks. */
  MICRO
}
