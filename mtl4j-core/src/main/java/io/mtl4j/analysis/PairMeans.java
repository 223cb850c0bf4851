package io.mtl4j.analysis;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Running means of a [T, T] quantity over sampled steps; non-finite values are left out and not counted. */
final class PairMeans {
  private final double[][] sums;
  private final long[][] counts;

  PairMeans(int tasks) {
    this.sums = new double[tasks][tasks];
    this.counts = new long[tasks][tasks];
  }

  void add(int i, int j, double value) {
    if (!Double.isFinite(value)) return;
    sums[i][j] += value;
    counts[i][j]++;
  }

  /** The means as a matrix, each passed through {@code finish} (NaN where nothing was added). */
  TaskMatrix toMatrix(String measure, List<String> tasks, boolean symmetric, DoubleUnaryOperator finish) {
    int t = sums.length;
    double[][] means = new double[t][t];
    long[][] n = new long[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        n[i][j] = counts[i][j];
        means[i][j] = counts[i][j] == 0 ? Double.NaN : finish.applyAsDouble(sums[i][j] / counts[i][j]);
      }
    }
    return new TaskMatrix(measure, tasks, means, n, symmetric);
  }
}
