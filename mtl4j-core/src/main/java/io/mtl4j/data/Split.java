package io.mtl4j.data;

import io.mtl4j.tensor.Permutations;
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
  /** The config key of the split column, named in errors. */
  private static final String COLUMN_KEY = "data.split.column";

  /**
   * @param method    random, stratified (on {@code column}), group (whole groups of {@code column} stay together),
   *                  column (the column's value says train/valid/test), kfold (fold {@code fold} of {@code folds} is
   *                  the test part; validation is {@code valid} of the rest; with {@code column}, grouped k-fold:
   *                  folds and validation are made of whole groups)
   * @param valid     fraction of rows (of groups, when grouped) for validation
   * @param test      fraction of rows (of groups, when grouped) for test
   * @param column    the stratification, group or split column; random splits take none
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
      if (method.equals("random") && column != null) {
        throw new IllegalArgumentException("split.method random does not use split.column '" + column + "': use group "
            + "(whole groups stay together) or stratified, or leave the column out");
      }
      if (method.equals("kfold") && (folds < 2 || fold < 0 || fold >= folds)) {
        throw new IllegalArgumentException("split: folds = " + folds + ", fold = " + fold + ", expected folds ≥ 2 and 0 ≤ fold < folds");
      }
    }

    public static Options random(double valid, double test) {
      return new Options("random", valid, test, null, 0, 0);
    }

    /** True when whole groups of {@link #column} must stay in one part (group, and k-fold with a column). */
    public boolean grouped() {
      return method.equals("group") || method.equals("kfold") && column != null;
    }

    /** The same method and column with other fractions. */
    Options withFractions(double valid, double test) {
      return new Options(method, valid, test, column, folds, fold);
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
      case "kfold" -> o.column() == null ? kFold(n, o, random) : groupedKFold(table, o, random);
      default -> cut(Permutations.shuffled(n, random), o.valid(), o.test());
    };
  }

  /** Splits only {@code rows} of {@code table}, exactly as if they were a table of their own. */
  public static Split of(Table table, int[] rows, Options o, long seed) {
    Table own = new Table(table.source(), table.names());
    String[] cells = new String[table.names().size()];
    for (int r : rows) {
      for (int c = 0; c < cells.length; c++) {
        int code = table.code(c, r);
        cells[c] = code < 0 ? null : table.values(c).get(code);
      }
      own.add(cells, table.line(r));
    }
    Split s = Split.of(own, o, seed);
    return new Split(map(rows, s.train()), map(rows, s.valid()), map(rows, s.test()));
  }

  /**
   * With the test rows fixed (a test file), the validation rows are carved from {@code fixed.train()} by the same
   * method and column: whole groups, label strata, or the split column (whose test rows join the test part).
   *
   * @throws IllegalArgumentException for k-fold, whose folds would replace the test file
   * @throws DataFormatException      when a group of the column is both among the training and the test rows
   */
  public static Split carveValidation(Table table, Split fixed, Options o, long seed) {
    refuseKFold(o);
    Split inner = of(table, fixed.train(), o.withFractions(o.valid(), 0), seed);
    int[] test = inner.test().length == 0 ? fixed.test() : concat(List.of(fixed.test(), inner.test()));
    Split s = new Split(inner.train(), inner.valid(), test);
    requireColumnHonoured(table, s, o);
    return s;
  }

  /**
   * Checks parts that files fixed against the options: the column exists and, when grouped, no group is in two parts.
   *
   * @throws IllegalArgumentException for k-fold, whose folds would replace the files' parts
   * @throws DataFormatException      naming the column's known names, or the first group found in two parts
   */
  public static void requireColumnHonoured(Table table, Split s, Options o) {
    refuseKFold(o);
    if (o.column() == null) return;
    int col = table.require(o.column(), COLUMN_KEY);
    if (!o.grouped()) return;
    int[] partOfGroup = new int[table.values(col).size() + 1];
    Arrays.fill(partOfGroup, -1);
    int[][] parts = {s.train, s.valid, s.test};
    for (int p = 0; p < parts.length; p++) {
      for (int r : parts[p]) {
        int g = table.code(col, r) + 1, before = partOfGroup[g];
        if (before >= 0 && before != p) {
          String group = g == 0 ? "(missing)" : table.values(col).get(g - 1);
          throw new DataFormatException(table.source(), table.line(r), col + 1, "group '" + group + "' of "
              + COLUMN_KEY + " '" + o.column() + "' is in both the " + PART_NAMES[before] + " and the " + PART_NAMES[p]
              + " rows (split.method " + o.method() + " keeps groups apart): keep each group in one of the files");
        }
        partOfGroup[g] = p;
      }
    }
  }

  private static final String[] PART_NAMES = {"training", "validation", "test"};

  private static void refuseKFold(Options o) {
    if (o.method().equals("kfold")) {
      throw new IllegalArgumentException("split.method kfold makes its own test fold, but data.valid/data.test files fix "
          + "the parts: leave the files out, or use random, stratified or group (validation is then carved from the "
          + "training rows)");
    }
  }

  private static int[] map(int[] rows, int[] local) {
    int[] out = new int[local.length];
    for (int i = 0; i < local.length; i++) out[i] = rows[local[i]];
    return out;
  }

  private static Split cut(int[] rows, double valid, double test) {
    int n = rows.length, nt = (int) Math.round(n * test), nv = (int) Math.round(n * valid);
    return new Split(sorted(rows, nt + nv, n), sorted(rows, nt, nt + nv), sorted(rows, 0, nt));
  }

  /** Each stratum is cut in the same proportions, so label rates match across the parts. */
  private static Split byStrata(Table table, Options o, SplittableRandom random) {
    int col = table.require(o.column(), COLUMN_KEY);
    Map<Integer, List<Integer>> strata = new LinkedHashMap<>();
    for (int r = 0; r < table.rows(); r++) strata.computeIfAbsent(table.code(col, r), k -> new ArrayList<>()).add(r);
    List<int[]> tr = new ArrayList<>(), va = new ArrayList<>(), te = new ArrayList<>();
    strata.keySet().stream().sorted().forEach(k -> {
      int[] rows = strata.get(k).stream().mapToInt(Integer::intValue).toArray();
      Split s = cut(Permutations.shuffle(rows, random), o.valid(), o.test());
      tr.add(s.train);
      va.add(s.valid);
      te.add(s.test);
    });
    return new Split(concat(tr), concat(va), concat(te));
  }

  /** Whole groups go to one part; the fractions apply to groups. */
  private static Split byGroup(Table table, Options o, SplittableRandom random) {
    int col = table.require(o.column(), COLUMN_KEY);
    int[] order = shuffledGroups(table, col, random);
    int groups = order.length, nt = (int) Math.round(groups * o.test()), nv = (int) Math.round(groups * o.valid());
    int[] part = new int[groups];
    for (int i = 0; i < groups; i++) part[order[i]] = i < nt ? 2 : i < nt + nv ? 1 : 0;
    return byPart(table, r -> part[table.code(col, r) + 1]);
  }

  /** K-fold over whole groups: fold {@code fold} of the shuffled groups is the test part, {@code valid} of the rest validation. */
  private static Split groupedKFold(Table table, Options o, SplittableRandom random) {
    int col = table.require(o.column(), COLUMN_KEY);
    int[] order = shuffledGroups(table, col, random);
    int groups = order.length;
    int from = (int) ((long) groups * o.fold() / o.folds()), to = (int) ((long) groups * (o.fold() + 1) / o.folds());
    int nv = (int) Math.round((groups - (to - from)) * o.valid());
    int[] part = new int[groups];
    for (int i = 0, rest = 0; i < groups; i++) part[order[i]] = i >= from && i < to ? 2 : rest++ < nv ? 1 : 0;
    return byPart(table, r -> part[table.code(col, r) + 1]);
  }

  /** The column's groups (code + 1, so that 0 is the group of missing values) in a seeded random order. */
  private static int[] shuffledGroups(Table table, int col, SplittableRandom random) {
    return Permutations.shuffled(table.values(col).size() + 1, random);
  }

  /** The column holds train/valid/test (also training/validation/testing). */
  private static Split byColumn(Table table, String column) {
    int col = table.require(column, COLUMN_KEY);
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
    int[] rows = Permutations.shuffled(n, random);
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
