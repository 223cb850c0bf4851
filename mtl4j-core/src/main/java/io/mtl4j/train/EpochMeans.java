package io.mtl4j.train;

import java.util.Arrays;

/** Per-task running means over an epoch's steps, NaN entries (a task without a batch, a skipped step) left out. */
final class EpochMeans {
  private final double[] sum;
  private final int[] count;

  EpochMeans(int tasks) {
    this.sum = new double[tasks];
    this.count = new int[tasks];
  }

  void add(double[] values) {
    for (int t = 0; t < sum.length; t++) {
      if (!Double.isNaN(values[t])) {
        sum[t] += values[t];
        count[t]++;
      }
    }
  }

  /** The mean per task, NaN for a task with no value this epoch. */
  double[] means() {
    double[] out = new double[sum.length];
    for (int t = 0; t < out.length; t++) out[t] = count[t] == 0 ? Double.NaN : sum[t] / count[t];
    return out;
  }

  void reset() {
    Arrays.fill(sum, 0);
    Arrays.fill(count, 0);
  }

  double[] sums() {
    return sum.clone();
  }

  int[] counts() {
    return count.clone();
  }

  /** Continues from a checkpoint's sums and counts. */
  void restore(double[] sums, int[] counts) {
    System.arraycopy(sums, 0, sum, 0, sum.length);
    System.arraycopy(counts, 0, count, 0, count.length);
  }
}
