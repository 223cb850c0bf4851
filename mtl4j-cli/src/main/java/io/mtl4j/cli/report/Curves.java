package io.mtl4j.cli.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ROC and precision-recall points of a binary task's scores (masked rows left out), thinned for plotting. */
public record Curves(double[] fpr, double[] tpr, double[] recall, double[] precision) {
  private static final int MAX_POINTS = 400;

  public static Curves of(float[] scores, float[] labels, float[] mask) {
    Integer[] order = new Integer[scores.length];
    int n = 0;
    for (int i = 0; i < scores.length; i++) if (mask[i] != 0f) order[n++] = i;
    Integer[] idx = Arrays.copyOf(order, n);
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
    return new Curves(col(roc, 0), col(roc, 1), col(pr, 0), col(pr, 1));
  }

  private static double[] col(List<double[]> points, int c) {
    double[] out = new double[points.size()];
    for (int i = 0; i < out.length; i++) out[i] = points.get(i)[c];
    return out;
  }
}
