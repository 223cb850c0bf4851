package io.mtl4j.metrics;

/**
 * Per-class true/false positive and false negative counts, plus row and cell agreement counts, from which accuracy,
 * precision, recall and F1 follow. Binary predictions are positive when p &gt; 0.5 (scikit-learn's predict),
 * multiclass predictions take the first argmax, multilabel cells are thresholded at 0.5 one by one.
 */
final class Confusion {
  private static final float THRESHOLD = 0.5f;

  private final String metric;
  private final LabelKind kind;
  private int width = -1;
  private long[] tp;
  private long[] fp;
  private long[] fn;
  private long rows;
  private long exactRows; // rows predicted right (every label right, for multilabel)
  private long cells;
  private long exactCells;
  private boolean nonFinite;

  Confusion(String metric, LabelKind kind) {
    if (kind == LabelKind.REGRESSION) {
      throw new IllegalArgumentException(metric + " does not apply to regression labels");
    }
    this.metric = metric;
    this.kind = kind;
  }

  void add(float[] predictions, float[] labels, float[] mask, int n, int w) {
    Rows.check(metric, kind, predictions, labels, mask, n, w, width);
    if (width < 0) {
      width = w;
      int classes = kind == LabelKind.BINARY ? 2 : w;
      tp = new long[classes];
      fp = new long[classes];
      fn = new long[classes];
    }
    for (int r = 0; r < n; r++) {
      if (!Rows.present(mask, r)) {
        continue;
      }
      switch (kind) {
        case BINARY -> addSingleLabel(Rows.positive(metric, labels, r) ? 1 : 0, predictions[r] > THRESHOLD ? 1 : 0,
            predictions[r]);
        case MULTICLASS -> addSingleLabel(Rows.classIndex(metric, labels, r, w), Rows.argmax(predictions, r * w, w),
            rowSum(predictions, r * w, w));
        default -> addMultilabelRow(predictions, labels, r * w, w);
      }
    }
  }

  private static float rowSum(float[] x, int offset, int w) {
    float s = 0;
    for (int j = 0; j < w; j++) {
      s += x[offset + j];
    }
    return s;
  }

  /** {@code check} is any value that is non-finite when a prediction of the row is. */
  private void addSingleLabel(int truth, int predicted, float check) {
    nonFinite |= !Float.isFinite(check);
    rows++;
    cells++;
    if (truth == predicted) {
      tp[truth]++;
      exactRows++;
      exactCells++;
    } else {
      fp[predicted]++;
      fn[truth]++;
    }
  }

  private void addMultilabelRow(float[] predictions, float[] labels, int offset, int w) {
    boolean allRight = true;
    for (int j = 0; j < w; j++) {
      float p = predictions[offset + j];
      nonFinite |= !Float.isFinite(p);
      boolean truth = Rows.positive(metric, labels, offset + j);
      boolean predicted = p > THRESHOLD;
      if (truth == predicted) {
        exactCells++;
        if (truth) {
          tp[j]++;
        }
      } else {
        allRight = false;
        if (predicted) {
          fp[j]++;
        } else {
          fn[j]++;
        }
      }
    }
    cells += w;
    rows++;
    if (allRight) {
      exactRows++;
    }
  }

  private boolean undefined() {
    return rows == 0 || nonFinite;
  }

  /** Fraction of rows predicted right; subset accuracy for multilabel. */
  double accuracy() {
    return undefined() ? Double.NaN : (double) exactRows / rows;
  }

  /** Fraction of label cells predicted right (1 − Hamming loss). */
  double hammingAccuracy() {
    return undefined() ? Double.NaN : (double) exactCells / cells;
  }

  double precision(Averaging averaging) {
    return average(averaging, (t, p, n) -> ratio(t, t + p));
  }

  double recall(Averaging averaging) {
    return average(averaging, (t, p, n) -> ratio(t, t + n));
  }

  double f1(Averaging averaging) {
    return average(averaging, (t, p, n) -> ratio(2 * t, 2 * t + p + n));
  }

  /** Intersection over union per class, averaged over the classes that occur (segmentation's mean IoU). */
  double meanIoU() {
    return average(Averaging.MACRO, (t, p, n) -> ratio(t, t + p + n));
  }

  @FunctionalInterface
  private interface Score {
    double of(long tp, long fp, long fn);
  }

  /** 0/0 counts as 0, scikit-learn's zero_division=0. */
  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  private double average(Averaging averaging, Score score) {
    if (undefined()) {
      return Double.NaN;
    }
    switch (averaging) {
      case POSITIVE -> {
        if (kind != LabelKind.BINARY) {
          throw new IllegalStateException(metric + ": positive-class averaging needs binary labels");
        }
        return score.of(tp[1], fp[1], fn[1]);
      }
      case MICRO -> {
        long t = 0;
        long p = 0;
        long n = 0;
        for (int c = 0; c < tp.length; c++) {
          t += tp[c];
          p += fp[c];
          n += fn[c];
        }
        return score.of(t, p, n);
      }
      default -> {
        double sum = 0;
        int used = 0;
        for (int c = 0; c < tp.length; c++) {
          // single-label tasks average over classes that occur (scikit-learn's unique_labels); multilabel over all
          if (kind == LabelKind.MULTILABEL || tp[c] + fp[c] + fn[c] > 0) {
            sum += score.of(tp[c], fp[c], fn[c]);
            used++;
          }
        }
        return sum / used;
      }
    }
  }
}
