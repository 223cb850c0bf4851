package io.mtl4j.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Task groups under a budget of models, as in TAG (Fifty et al., NeurIPS 2021) and Standley et al. (ICML 2020):
 * each group is one model trained on its tasks, a task is served by the chosen group that helps it most, and the
 * grouping maximises the total affinity Σ_j max_{S ∋ j} A(S, j), where A(S, j) is the mean affinity onto j from the
 * other members of S (0 for j alone). Exact for T ≤ {@value #EXACT_LIMIT}, beam search beyond.
 */
public final class TaskGrouping {
  /** Largest T searched exactly: the search visits every (group, served subset) pair, 3^T of them. */
  public static final int EXACT_LIMIT = 12;
  /** Partial groupings the beam keeps per task added. */
  static final int BEAM_WIDTH = 64;

  /**
   * A grouping: {@code groups} (task indices, ascending; one model each), the group serving each task, and the total
   * affinity it achieves.
   */
  public record Grouping(List<int[]> groups, int[] servedBy, double score) {}

  private TaskGrouping() {}

  /**
   * The best grouping of the tasks of {@code affinity} ([T, T], row i acting on column j; NaN counts as 0) into at
   * most {@code models} groups.
   */
  public static Grouping choose(double[][] affinity, int models) {
    double[][] a = checked(affinity, models);
    return a.length <= EXACT_LIMIT ? exact(a, models) : beam(a, models, BEAM_WIDTH);
  }

  /** The total affinity of one model for all tasks (NaN counts as 0): what a grouping's score compares to. */
  public static double allInOne(double[][] affinity) {
    double[][] a = checked(affinity, 1);
    return a.length > 63 ? Double.NaN : total(a, a.length == 63 ? Long.MAX_VALUE : (1L << a.length) - 1);
  }

  /** A(S, j) of each member j of {@code group} (task indices), NaN for the other tasks: a group's evidence. */
  public static double[] perTask(double[][] affinity, int[] group) {
    double[][] a = checked(affinity, 1);
    long mask = 0;
    for (int j : group) mask |= 1L << j;
    double[] out = new double[a.length];
    java.util.Arrays.fill(out, Double.NaN);
    for (int j : group) out[j] = score(a, mask, j);
    return out;
  }

  /** A(S, j): the mean affinity onto task j from the other members of {@code group} (bit set); 0 for j alone. */
  static double score(double[][] a, long group, int task) {
    double sum = 0;
    int others = 0;
    for (int i = 0; i < a.length; i++) {
      if (i != task && (group >>> i & 1) != 0) {
        sum += a[i][task];
        others++;
      }
    }
    return others == 0 ? 0 : sum / others;
  }

  /** Σ_j max over the groups holding j of A(S, j): what a collection of groups achieves; −∞ if a task is uncovered. */
  public static double total(double[][] a, long... groups) {
    double total = 0;
    for (int j = 0; j < a.length; j++) {
      double best = Double.NEGATIVE_INFINITY;
      for (long g : groups) if ((g >>> j & 1) != 0) best = Math.max(best, score(a, g, j));
      total += best;
    }
    return total;
  }

  /**
   * Exact search. The tasks a model serves form a partition into classes C_k ⊆ S_k, so the optimum is the best
   * partition into at most {@code models} classes of best(C) = max_{S ⊇ C} Σ_{j∈C} A(S, j): a subset DP.
   */
  static Grouping exact(double[][] a, int models) {
    int t = a.length, full = (1 << t) - 1;
    double[] best = new double[full + 1];
    int[] superset = new int[full + 1];
    Arrays.fill(best, Double.NEGATIVE_INFINITY);
    double[] served = new double[full + 1];
    double[] scores = new double[t];
    for (int s = 1; s <= full; s++) {
      for (int j = 0; j < t; j++) scores[j] = (s >>> j & 1) == 0 ? 0 : score(a, s, j);
      // Submasks in increasing order, so C without its lowest task is always done before C.
      for (int c = s & -s; c != 0; c = (c - s) & s) {
        served[c] = served[c & (c - 1)] + scores[Integer.numberOfTrailingZeros(c)];
        if (served[c] > best[c]) {
          best[c] = served[c];
          superset[c] = s;
        }
      }
    }
    double[][] f = new double[models + 1][full + 1];
    int[][] choice = new int[models + 1][full + 1];
    Arrays.fill(f[0], Double.NEGATIVE_INFINITY);
    f[0][0] = 0;
    for (int k = 1; k <= models; k++) {
      f[k][0] = 0;
      for (int mask = 1; mask <= full; mask++) {
        f[k][mask] = f[k - 1][mask];
        choice[k][mask] = -1; // as many classes as with one model less
        int low = mask & -mask, rest = mask ^ low;
        // Every class C holding the lowest task of mask: C = low ∪ (a submask of the rest).
        for (int sub = rest; ; sub = (sub - 1) & rest) {
          int c = low | sub;
          double v = best[c] + f[k - 1][mask ^ c];
          if (v > f[k][mask]) {
            f[k][mask] = v;
            choice[k][mask] = c;
          }
          if (sub == 0) break;
        }
      }
    }
    List<Long> groups = new ArrayList<>();
    for (int k = models, mask = full; mask != 0; k--) {
      int c = choice[k][mask];
      if (c < 0) continue;
      if (!groups.contains((long) superset[c])) groups.add((long) superset[c]);
      mask ^= c;
    }
    return grouping(a, groups);
  }

  /**
   * Beam search for large T: tasks join a class or open one, the {@code width} best partial partitions are kept,
   * then each class's model greedily takes on extra tasks that help the ones it serves.
   */
  static Grouping beam(double[][] a, int models, int width) {
    if (a.length > 63) throw new IllegalArgumentException("task grouping: " + a.length + " tasks, at most 63");
    List<long[]> beam = List.of(new long[0]);
    for (int task = 0; task < a.length; task++) {
      List<long[]> next = new ArrayList<>();
      for (long[] classes : beam) {
        for (int k = 0; k < classes.length; k++) {
          long[] joined = classes.clone();
          joined[k] |= 1L << task;
          next.add(joined);
        }
        if (classes.length < models) {
          long[] opened = Arrays.copyOf(classes, classes.length + 1);
          opened[classes.length] = 1L << task;
          next.add(opened);
        }
      }
      next.sort(Comparator.comparingDouble((long[] c) -> -partial(a, c)).thenComparing(Arrays::toString));
      beam = next.subList(0, Math.min(width, next.size()));
    }
    List<Long> groups = new ArrayList<>();
    for (long c : beam.get(0)) {
      long s = extend(a, c);
      if (!groups.contains(s)) groups.add(s);
    }
    return grouping(a, groups);
  }

  /** Σ over classes of Σ_{j∈C} A(C, j): a partial partition's value with each model serving exactly its class. */
  private static double partial(double[][] a, long[] classes) {
    double v = 0;
    for (long c : classes) v += served(a, c, c);
    return v;
  }

  private static double served(double[][] a, long group, long tasks) {
    double v = 0;
    for (int j = 0; j < a.length; j++) if ((tasks >>> j & 1) != 0) v += score(a, group, j);
    return v;
  }

  /** Adds tasks to the model of class {@code c} while that raises the affinity its class receives. */
  private static long extend(double[][] a, long c) {
    long s = c;
    while (true) {
      long bestGroup = s;
      double bestValue = served(a, s, c);
      for (int u = 0; u < a.length; u++) {
        long candidate = s | 1L << u;
        if (candidate == s) continue;
        double v = served(a, candidate, c);
        if (v > bestValue + 1e-12) {
          bestValue = v;
          bestGroup = candidate;
        }
      }
      if (bestGroup == s) return s;
      s = bestGroup;
    }
  }

  /** The grouping of these groups (bit sets): each task served by the group that helps it most (first on ties). */
  private static Grouping grouping(double[][] a, List<Long> masks) {
    List<int[]> groups = new ArrayList<>();
    for (long m : masks) groups.add(java.util.stream.IntStream.range(0, a.length).filter(j -> (m >>> j & 1) != 0).toArray());
    int[] servedBy = new int[a.length];
    for (int j = 0; j < a.length; j++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int g = 0; g < masks.size(); g++) {
        if ((masks.get(g) >>> j & 1) == 0) continue;
        double v = score(a, masks.get(g), j);
        if (v > best) {
          best = v;
          servedBy[j] = g;
        }
      }
    }
    return new Grouping(groups, servedBy, total(a, masks.stream().mapToLong(Long::longValue).toArray()));
  }

  /** A copy with NaN as 0, after checking the shape and budget. */
  private static double[][] checked(double[][] affinity, int models) {
    int t = affinity.length;
    if (t == 0) throw new IllegalArgumentException("task grouping: no tasks");
    if (models < 1) throw new IllegalArgumentException("task grouping: models = " + models + ", expected ≥ 1");
    double[][] a = new double[t][t];
    for (int i = 0; i < t; i++) {
      if (affinity[i].length != t) {
        throw new IllegalArgumentException("task grouping: affinity row " + i + " has " + affinity[i].length
            + " entries, expected " + t);
      }
      for (int j = 0; j < t; j++) a[i][j] = Double.isNaN(affinity[i][j]) ? 0 : affinity[i][j];
    }
    return a;
  }
}
