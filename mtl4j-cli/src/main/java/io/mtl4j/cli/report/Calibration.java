package io.mtl4j.cli.report;

import java.util.Arrays;

/**
 * A reliability diagram's points: the rows binned by predicted probability into equal-width bins, and per non-empty
 * bin the mean predicted probability against the observed fraction of positives (DeGroot &amp; Fienberg 1983).
 */
public record Calibration(double[] predicted, double[] observed, int[] rows) {
  public static final int BINS = 10;

  public static Calibration of(float[] probability, float[] label) {
    double[] sumP = new double[BINS];
    double[] positives = new double[BINS];
    int[] count = new int[BINS];
    for (int i = 0; i < probability.length; i++) {
      int bin = Math.min(BINS - 1, Math.max(0, (int) (probability[i] * BINS)));
      sumP[bin] += probability[i];
      positives[bin] += label[i] > 0.5f ? 1 : 0;
      count[bin]++;
    }
    int filled = (int) Arrays.stream(count).filter(c -> c > 0).count();
    double[] p = new double[filled];
    double[] o = new double[filled];
    int[] n = new int[filled];
    for (int b = 0, k = 0; b < BINS; b++) {
      if (count[b] == 0) continue;
      p[k] = sumP[b] / count[b];
      o[k] = positives[b] / count[b];
      n[k++] = count[b];
    }
    return new Calibration(p, o, n);
  }
}
