package io.mtl4j.metrics;

import java.util.Objects;

/** Argument checks and label decoding shared by the accumulators. */
final class Rows {
  private Rows() {}

  /** Checks shapes for {@code kind} and that {@code width} equals {@code expectedWidth} when that is &ge; 0. */
  static void check(String metric, LabelKind kind, float[] predictions, float[] labels, float[] mask, int rows,
      int width, int expectedWidth) {
    Objects.requireNonNull(predictions, "predictions");
    Objects.requireNonNull(labels, "labels");
    if (rows < 0) {
      throw new IllegalArgumentException(metric + ": rows = " + rows + ", expected >= 0");
    }
    switch (kind) {
      case BINARY, REGRESSION -> {
        if (width != 1) {
          throw new IllegalArgumentException(
              metric + ": width = " + width + ", expected 1 for " + kind.label() + " predictions");
        }
      }
      case MULTICLASS -> {
        if (width < 2) {
          throw new IllegalArgumentException(
              metric + ": width = " + width + ", expected the class count (>= 2) for multiclass predictions");
        }
      }
      case MULTILABEL -> {
        if (width < 1) {
          throw new IllegalArgumentException(metric + ": width = " + width + ", expected >= 1 labels");
        }
      }
    }
    if (expectedWidth >= 0 && width != expectedWidth) {
      throw new IllegalArgumentException(
          metric + ": width = " + width + " but earlier batches had width " + expectedWidth);
    }
    long cells = (long) rows * width;
    long labelCells = kind == LabelKind.MULTILABEL ? cells : rows;
    if (predictions.length < cells) {
      throw new IllegalArgumentException(String.format("%s: predictions has length %d, expected >= rows × width = %d",
          metric, predictions.length, cells));
    }
    if (labels.length < labelCells) {
      throw new IllegalArgumentException(
          String.format("%s: labels has length %d, expected >= %d", metric, labels.length, labelCells));
    }
    if (mask != null && mask.length < rows) {
      throw new IllegalArgumentException(
          String.format("%s: mask has length %d, expected >= rows = %d", metric, mask.length, rows));
    }
  }

  static boolean present(float[] mask, int row) {
    return mask == null || mask[row] != 0f;
  }

  /** A 0/1 label as a boolean. */
  static boolean positive(String metric, float[] labels, int index) {
    float y = labels[index];
    if (y == 1f) {
      return true;
    }
    if (y == 0f) {
      return false;
    }
    throw new IllegalArgumentException(metric + ": labels[" + index + "] = " + y + ", expected 0 or 1");
  }

  /** A class index stored as a float, in [0, classes). */
  static int classIndex(String metric, float[] labels, int index, int classes) {
    float y = labels[index];
    int c = (int) y;
    if (c != y || c < 0 || c >= classes) {
      throw new IllegalArgumentException(String.format(
          "%s: labels[%d] = %s, expected a class index in [0, %d)", metric, index, y, classes));
    }
    return c;
  }

  /** Index of the largest of {@code x[offset, offset + width)}, the first on ties (numpy's argmax). */
  static int argmax(float[] x, int offset, int width) {
    int best = 0;
    for (int j = 1; j < width; j++) {
      if (x[offset + j] > x[offset + best]) {
        best = j;
      }
    }
    return best;
  }
}
