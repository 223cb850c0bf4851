package io.mtl4j.cli.report;

import io.mtl4j.metrics.Auc;
import io.mtl4j.metrics.LabelKind;
import io.mtl4j.metrics.MetricAccumulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ROC and precision-recall points of a binary task's scores, thinned for plotting, and the ROC's area as the
 * {@code auc} metric computes it.
 */
public record Curves(double[] fpr, double[] tpr, double[] recall, double[] precision, double auc) {
  private static final int MAX_POINTS = 400;

  public static Curves of(float[] scores, float[] labels) {
    int n = scores.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> Float.compare(scores[b], scores[a]));
    double positives = 0;
    for (Integer i : idx) positives += labels[i] > 0.5f ? 1 : 0;
    double negatives = n - positives;
    List<double[]> roc = new ArrayList<>(), pr = new ArrayList<>();
    roc.add(new double[] {0, 0});
    double tp = 0, fp = 0;
    int stride = Math.max(1, n / MAX_POINTS);
    for (int k = 0; k < n; k++) {
      if (labels[idx[k]] > 0.5f) tp++;
      else fp++;
      boolean cut = k == n - 1 || scores[idx[k + 1]] != scores[idx[k]];
      if (cut && (k % stride == 0 || k == n - 1)) {
        roc.add(new double[] {negatives == 0 ? 0 : fp / negatives, positives == 0 ? 0 : tp / positives});
        pr.add(new double[] {positives == 0 ? 0 : tp / positives, tp / (tp + fp)});
      }
    }
    return new Curves(col(roc, 0), col(roc, 1), col(pr, 0), col(pr, 1), auc(scores, labels));
  }

  /** The one AUC of the project (the metric's), so the plot's legend and the metrics table agree. */
  private static double auc(float[] scores, float[] labels) {
    MetricAccumulator a = new Auc(LabelKind.BINARY).newAccumulator();
    float[] mask = new float[scores.length];
    Arrays.fill(mask, 1f);
    a.add(scores, labels, mask, scores.length, 1);
    return a.value();
  }

  private static double[] col(List<double[]> points, int c) {
    double[] out = new double[points.size()];
    for (int i = 0; i < out.length; i++) out[i] = points.get(i)[c];
    return out;
  }
}
