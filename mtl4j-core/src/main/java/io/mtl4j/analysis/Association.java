package io.mtl4j.analysis;

import java.util.Arrays;

/**
 * Association between two label columns observed on the same rows: Pearson and Spearman correlation of ordered
 * values, mutual information and Cramér's V of category codes. Each takes paired arrays of equal length.
 */
final class Association {
  private Association() {}

  /** Pearson's r; NaN when either column is constant or there are fewer than two rows. */
  static double pearson(double[] x, double[] y) {
    int n = x.length;
    if (n < 2) return Double.NaN;
    double mx = 0, my = 0;
    for (int i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    double sxy = 0, sxx = 0, syy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx, dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
  }

  /** Spearman's ρ: Pearson's r of the ranks, ties sharing their average rank. */
  static double spearman(double[] x, double[] y) {
    return pearson(ranks(x), ranks(y));
  }

  /** Ranks 1..n, tied values sharing the mean of their ranks. */
  static double[] ranks(double[] v) {
    int n = v.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
    double[] rank = new double[n];
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
      double mean = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) rank[order[k]] = mean;
      i = j + 1;
    }
    return rank;
  }

  /** The contingency table of two code columns, codes in [0, ka) and [0, kb). */
  static long[][] table(int[] a, int ka, int[] b, int kb) {
    long[][] counts = new long[ka][kb];
    for (int i = 0; i < a.length; i++) counts[a[i]][b[i]]++;
    return counts;
  }

  /** Plug-in mutual information in nats, Σ p(a,b)·ln(p(a,b)/(p(a)p(b))); 0 for independent columns. */
  static double mutualInformation(long[][] table) {
    Margins m = Margins.of(table);
    long n = m.n();
    long[] rows = m.rows(), cols = m.cols();
    if (n == 0) return Double.NaN;
    double mi = 0;
    for (int a = 0; a < rows.length; a++) {
      for (int b = 0; b < cols.length; b++) {
        long c = table[a][b];
        if (c > 0) mi += (double) c / n * Math.log((double) c * n / ((double) rows[a] * cols[b]));
      }
    }
    return Math.max(0, mi);
  }

  /**
   * Cramér's V, √(χ²/(n·(min(r, c) − 1))) over the categories that occur; NaN when either column has a single
   * category (nothing to associate).
   */
  static double cramersV(long[][] table) {
    Margins m = Margins.of(table);
    long n = m.n();
    long[] rows = m.rows(), cols = m.cols();
    int r = (int) Arrays.stream(rows).filter(c -> c > 0).count(), c = (int) Arrays.stream(cols).filter(k -> k > 0).count();
    if (n == 0 || Math.min(r, c) < 2) return Double.NaN;
    double chi2 = 0;
    for (int a = 0; a < rows.length; a++) {
      for (int b = 0; b < cols.length; b++) {
        if (rows[a] == 0 || cols[b] == 0) continue;
        double expected = (double) rows[a] * cols[b] / n;
        double d = table[a][b] - expected;
        chi2 += d * d / expected;
      }
    }
    return Math.sqrt(chi2 / (n * (Math.min(r, c) - 1.0)));
  }

  /** A contingency table's row sums, column sums and total. */
  private record Margins(long n, long[] rows, long[] cols) {
    static Margins of(long[][] table) {
      long n = 0;
      long[] rows = new long[table.length], cols = new long[table[0].length];
      for (int a = 0; a < table.length; a++) {
        for (int b = 0; b < cols.length; b++) {
          rows[a] += table[a][b];
          cols[b] += table[a][b];
          n += table[a][b];
        }
      }
      return new Margins(n, rows, cols);
    }
  }

  /**
   * Codes of a real column in {@code bins} equal-count bins by rank (ties share a bin), so a regression target can
   * enter a contingency table; the bins are quantiles, hence independent of the target's scale.
   */
  static int[] quantileCodes(double[] v, int bins) {
    double[] rank = ranks(v);
    int[] codes = new int[v.length];
    for (int i = 0; i < v.length; i++) codes[i] = (int) Math.min(bins - 1, Math.floor((rank[i] - 1) * bins / v.length));
    return codes;
  }
}
