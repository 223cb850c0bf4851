package io.mtl4j.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One input column's preprocessing statistics, accumulated chunk by chunk in bounded memory: the numeric kind test
 * (over every row, as {@link Schema#isNumeric} on a whole table), mean and variance of the scaled values by Chan et
 * al.'s pairwise update (a distinct value with k rows is merged as one group of k), min, max, missing count, and the
 * category counts up to {@code maxDistinct} values. Past the bound the counts are dropped and a categorical column
 * is hashed ({@link #pastBound()}).
 */
final class ColumnStats {
  private final String name;
  private final String scaling;
  private final int maxDistinct;
  private Map<String, Long> counts = new HashMap<>();
  private long numbers, others, missing;
  private String firstOdd, firstOddFile;
  private long firstOddLine;
  private int firstOddColumn;
  private double n, mean, m2, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;

  ColumnStats(String name, String scaling, int maxDistinct) {
    this.name = name;
    this.scaling = scaling;
    this.maxDistinct = maxDistinct;
  }

  /**
   * Adds a chunk: {@code train[r]} says whether row r is a training row (statistics); every row counts for the kind.
   *
   * @param declaredNumeric whether {@code features.numeric} lists the column: a non-number then fails at its row
   */
  void add(Table table, int col, boolean[] train, boolean declaredNumeric) {
    List<String> values = table.values(col);
    long[] all = new long[values.size()], fit = new long[values.size()];
    for (int r = 0; r < table.rows(); r++) {
      int code = table.code(col, r);
      if (code < 0) {
        if (train[r]) missing++;
        continue;
      }
      all[code]++;
      if (train[r]) fit[code]++;
    }
    for (int code = 0; code < all.length; code++) {
      if (all[code] == 0) continue;
      String v = values.get(code);
      double x = Schema.finiteOrNaN(v);
      if (!Double.isNaN(x)) {
        numbers += all[code];
        if (fit[code] > 0) merge(FeatureEncoder.Numeric.transform(scaling, x), fit[code]);
      } else {
        if (declaredNumeric) FeatureEncoder.Numeric.parse(table, col, code); // throws at the value's first row
        others += all[code];
        if (firstOdd == null) {
          firstOdd = v;
          int row = table.firstRowWith(col, code);
          firstOddFile = table.source();
          firstOddLine = table.line(row);
          firstOddColumn = col + 1;
        }
      }
      if (fit[code] > 0) count(v, fit[code]);
    }
  }

  /** Chan, Golub and LeVeque's update with a group of {@code k} copies of {@code x} (its own variance 0). */
  private void merge(double x, long k) {
    double total = n + k, delta = x - mean;
    mean += delta * k / total;
    m2 += delta * delta * n * k / total;
    n = total;
    min = Math.min(min, x);
    max = Math.max(max, x);
  }

  private void count(String value, long k) {
    if (counts == null) return;
    counts.merge(value, k, Long::sum);
    if (counts.size() > maxDistinct) counts = null;
  }

  /** Whether more than {@code maxDistinct} distinct training values were seen (the counts were dropped). */
  boolean pastBound() {
    return counts == null;
  }

  /** Whether the column is numeric; a {@link DataFormatException} for a mostly-numeric one with a stray value. */
  boolean numeric(FeatureOptions o) {
    if (o.numeric().contains(name)) return true;
    if (o.categorical().contains(name)) return false;
    if (others == 0) return numbers > 0;
    if (numbers <= others) return false;
    throw new DataFormatException(firstOddFile, firstOddLine, firstOddColumn,
        "column '" + name + "' has the value '" + firstOdd + "', but " + numbers + " of its " + (numbers + others)
        + " values are finite numbers; declare the column under features.categorical (or features.numeric), or list "
        + "the value as missing");
  }

  /** The fitted encoder, with the rules of {@link Preprocessing#fitColumn}. */
  FeatureEncoder encoder(FeatureOptions o) {
    if (numeric(o)) return numericEncoder();
    if (o.encoding().equals("hash") || counts == null) return new FeatureEncoder.Hashed(name, o.hashBuckets());
    Set<String> seen = new TreeSet<>();
    counts.forEach((v, k) -> {
      if (k >= o.minCount()) seen.add(v);
    });
    if (seen.size() > o.maxCategories()) return new FeatureEncoder.Hashed(name, o.hashBuckets());
    return new FeatureEncoder.OneHot(name, List.copyOf(seen), o.encoding().equals("ids"));
  }

  private FeatureEncoder numericEncoder() {
    return Preprocessing.numeric(name, scaling, n, mean, n == 0 ? 0 : Math.sqrt(m2 / n), min, max, missing > 0);
  }
}
