package io.mtl4j.metrics;

import java.util.Arrays;

/**
 * Area under the ROC curve as the Mann–Whitney statistic (Hanley &amp; McNeil, Radiology 1982), exact, with tied
 * scores given their midrank, in O(n log n). Multiclass: one-vs-rest, macro-averaged; multilabel: macro over label
 * columns. Columns whose valid rows hold only one class have no AUC and are left out of the mean (scikit-learn
 * raises instead); NaN when no column has both classes.
 */
public record Auc(LabelKind kind) implements Metric {
  public Auc {
    MetricKinds.require("auc", kind, LabelKind.BINARY, LabelKind.MULTICLASS, LabelKind.MULTILABEL);
  }

  @Override
  public String name() {
    return "auc";
  }

  @Override
  public boolean higherIsBetter() {
    return true;
  }

  @Override
  public MetricAccumulator newAccumulator() {
    return new Accumulator(kind);
  }

  /**
   * AUC of {@code n} (score, label) pairs packed by {@link #key}; sorts {@code keys[0, n)} in place. NaN when either
   * class is absent.
   */
  static double of(long[] keys, int n) {
    Arrays.sort(keys, 0, n);
    long positives = 0;
    double positiveRankSum = 0;
    int start = 0;
    while (start < n) {
      long score = keys[start] >> 1;
      int end = start;
      long groupPositives = 0;
      while (end < n && keys[end] >> 1 == score) {
        groupPositives += keys[end] & 1;
        end++;
      }
      double midrank = (start + 1 + end) / 2.0; // ranks start+1 .. end share their mean
      positiveRankSum += groupPositives * midrank;
      positives += groupPositives;
      start = end;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    // U = R₊ − n₊(n₊ + 1)/2 counts (positive, negative) pairs ordered right, ties counting ½
    return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /** Packs a finite score and a 0/1 label into a long whose signed order is the score's order. */
  static long key(float score, boolean positive) {
    int bits = Float.floatToIntBits(score + 0.0f); // + 0 turns −0 into +0 so that they tie
    int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // negative floats: flip magnitude bits to reverse their order
    return ((long) ordered << 1) | (positive ? 1 : 0);
  }

  private static final class Accumulator implements MetricAccumulator {
    private final LabelKind kind;
    private int width = -1;
    private long[][] columns;
    private int size;
    private boolean nonFinite;

    Accumulator(LabelKind kind) {
      this.kind = kind;
    }

    @Override
    public void add(float[] predictions, float[] labels, float[] mask, int rows, int w) {
      Rows.check("auc", kind, predictions, labels, mask, rows, w, width);
      if (width < 0) {
        width = w;
        columns = new long[w][16];
      }
      for (int r = 0; r < rows; r++) {
        if (Rows.present(mask, r)) {
          addRow(predictions, labels, r, w);
        }
      }
    }

    private void addRow(float[] predictions, float[] labels, int r, int w) {
      if (size == columns[0].length) {
        for (int c = 0; c < w; c++) {
          columns[c] = Arrays.copyOf(columns[c], Math.max(16, size * 2));
        }
      }
      int truth = kind == LabelKind.MULTICLASS ? Rows.classIndex("auc", labels, r, w) : -1;
      for (int c = 0; c < w; c++) {
        float score = predictions[r * w + c];
        nonFinite |= !Float.isFinite(score);
        boolean positive = switch (kind) {
          case MULTICLASS -> truth == c;
          case MULTILABEL -> Rows.positive("auc", labels, r * w + c);
          default -> Rows.positive("auc", labels, r);
        };
        columns[c][size] = key(score, positive);
      }
      size++;
    }

    @Override
    public double value() {
      if (size == 0 || nonFinite) {
        return Double.NaN;
      }
      double sum = 0;
      int defined = 0;
      for (long[] column : columns) {
        double auc = of(column, size);
        if (!Double.isNaN(auc)) {
          sum += auc;
          defined++;
        }
      }
      return defined == 0 ? Double.NaN : sum / defined;
    }
  }
}
