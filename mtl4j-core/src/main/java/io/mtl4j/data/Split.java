package io.mtl4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Train/validation/test row indices of a table. Every method is seeded and depends only on (table, options, seed),
 * so every model of a given seed in a comparison sees the same split.
 *
 * @param train rows to fit on (preprocessing too)
 * @param valid rows for early stopping (may be empty)
 * @param test  rows for the final metrics (may be empty)
 */
public record Split(int[] train, int[] valid, int[] test) {
  /**
   * @param method    random, stratified (on {@code column}), group (whole groups of {@code column} stay together),
   *                  column (the column's value says train/valid/test), kfold (fold {@code fold} of {@code folds} is
   *                  the test part; validation is {@code valid} of the rest)
   * @param valid     fraction of rows for validation
   * @param test      fraction of rows for test
   * @param column    the stratification, group or split column
   * @param folds     k of k-fold
   * @param fold      0-based test fold of k-fold
   */
  public record Options(String method, double valid, double test, String column, int folds, int fold) {
    public Options {
      method = FeatureOptions.check("split.method", method == null ? "random" : method,
          java.util.Set.of("random", "stratified", "group", "column", "kfold"));
      if (!(valid >= 0 && test >= 0 && valid + test < 1)) {
        throw new IllegalArgumentException("split: valid = " + valid + ", test = " + test + ", expected fractions ≥ 0 with sum < 1");
      }
      if ((method.equals("stratified") || method.equals("group") || method.equals("column")) && column == null) {
        throw new IllegalArgumentException("split.method " + method + " needs split.column");
      }
      if (method.equals("kfold") && (folds < 2 || fold < 0 || fold >= folds)) {
        throw new IllegalArgumentException("split: folds = " + folds + ", fold = " + fold + ", expected folds ≥ 2 and 0 ≤ fold < folds");
      }
    }

    public static Options random(double valid, double test) {
      return new Options("random", valid, test, null, 0, 0);
    }
  }

  /** Splits {@code table} as {@code o} says, shuffling with {@code seed}. */
  public static Split of(Table table, Options o, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int n = table.rows();
    return switch (o.method()) {
      case "stratified" -> byStrata(table, o, random);
      case "group" -> byGroup(table, o, random);
      case "column" -> byColumn(table, o.column());
      case "kfold" -> kFold(n, o, random);
      default -> cut(shuffled(Preprocessing.allRows(table), random), o.valid(), o.test());
    };
  }

  private static Split cut(int[] rows, double valid, double test) {
    int n = rows.length, nt = (int) Math.round(n * test), nv = (int) Math.round(n * valid);
    return new Split(sorted(rows, nt + nv, n), sorted(rows, nt, nt + nv), sorted(rows, 0, nt));
  }

  /** Each stratum is cut in the same proportions, so label rates match across the parts. */
  private static Split byStrata(Table table, Options o, SplittableRandom random) {
    int col = table.require(o.column(), "split.column");
    Map<Integer, List<Integer>> strata = new LinkedHashMap<>();
    for (int r = 0; r < table.rows(); r++) strata.computeIfAbsent(table.code(col, r), k -> new ArrayList<>()).add(r);
    List<int[]> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
    strata.keySet().stream().sorted().forEach(k -> {
      Split s = cut(shuffled(strata.get(k).stream().mapToInt(Integer::intValue).toArray(), random), o.valid(), o.test());
      tr.add(s.train);
      va.add(s.valid);
      te.add(s.test);
    });
    return new Split(concat(tr), concat(va), concat(te));
  }

  /** Whole groups go to one part; the fractions apply to groups. */
  private static Split byGroup(Table table, Options o, SplittableRandom random) {
    int col = table.require(o.column(), "split.column");
    int groups = table.values(col).size() + 1;
    int[] order = new int[groups];
    for (int g = 0; g < groups; g++) order[g] = g;
    shuffled(order, random);
    int nt = (int) Math.round(groups * o.test()), nv = (int) Math.round(groups * o.valid());
    int[] part = new int[groups];
    for (int i = 0; i < groups; i++) part[order[i]] = i < nt ? 2 : i < nt + nv ? 1 : 0;
    return byPart(table, r -> part[table.code(col, r) + 1]);
  }

  /** The column holds train/valid/test (also training/validation/testing). */
  private static Split byColumn(Table table, String column) {
    int col = table.require(column, "split.column");
    Map<Integer, Integer> parts = new HashMap<>();
    List<String> values = table.values(col);
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i).toLowerCase(java.util.Locale.ROOT);
      int p = v.startsWith("train") ? 0 : v.startsWith("valid") || v.equals("val") || v.equals("dev") ? 1 : v.startsWith("test") ? 2 : -1;
      if (p < 0) {
        int row = table.firstRowWith(col, i);
        throw new DataFormatException(table.source(), table.line(row), col + 1, "split column '" + column + "' has '"
            + values.get(i) + "', expected train, valid or test");
      }
      parts.put(i, p);
    }
    return byPart(table, r -> {
      int code = table.code(col, r);
      if (code < 0) throw new DataFormatException(table.source(), table.line(r), col + 1, "split column '" + column + "' is empty");
      return parts.get(code);
    });
  }

  private static Split kFold(int n, Options o, SplittableRandom random) {
    int[] rows = new int[n];
    for (int i = 0; i < n; i++) rows[i] = i;
    shuffled(rows, random);
    int from = (int) ((long) n * o.fold() / o.folds()), to = (int) ((long) n * (o.fold() + 1) / o.folds());
    int[] test = Arrays.copyOfRange(rows, from, to);
    int[] rest = new int[n - test.length];
    System.arraycopy(rows, 0, rest, 0, from);
    System.arraycopy(rows, to, rest, from, n - to);
    int nv = (int) Math.round(rest.length * o.valid());
    return new Split(sorted(rest, nv, rest.length), sorted(rest, 0, nv), sorted(test, 0, test.length));
  }

  private static Split byPart(Table table, java.util.function.IntUnaryOperator partOf) {
    List<Integer>[] parts = new List[] {new ArrayList<>(), new ArrayList<>(), new ArrayList<>()};
    for (int r = 0; r < table.rows(); r++) parts[partOf.applyAsInt(r)].add(r);
    return new Split(ints(parts[0]), ints(parts[1]), ints(parts[2]));
  }

  private static int[] ints(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int[] shuffled(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1), t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  private static int[] sorted(int[] a, int from, int to) {
    int[] out = Arrays.copyOfRange(a, from, to);
    Arrays.sort(out);
    return out;
  }

  private static int[] concat(List<int[]> parts) {
    int[] out = parts.stream().flatMapToInt(Arrays::stream).toArray();
    Arrays.sort(out);
    return out;
  }
}
