package io.mtl4j.classical;

import io.mtl4j.tensor.Permutations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * T tasks, each with its own rows (X_t [n_t, D], y_t [n_t]), or one shared X with T targets.
 *
 * <p>Rows are stored flat and row-major per task. Under a shared X every task points at the same array, which
 * lets the least-squares loss build one Gram matrix instead of T. Immutable: selections copy.
 */
public final class MultiTaskData {
  private final int features;
  private final int[] rows;
  private final double[][] x;
  private final double[][] y;
  private final boolean shared;

  private MultiTaskData(int features, int[] rows, double[][] x, double[][] y, boolean shared) {
    this.features = features;
    this.rows = rows;
    this.x = x;
    this.y = y;
    this.shared = shared;
  }

  /** One (X_t, y_t) per task: {@code x.get(t)} is [n_t, D], {@code y.get(t)} is [n_t]. */
  public static MultiTaskData of(List<double[][]> x, List<double[]> y) {
    if (x.isEmpty() || x.size() != y.size()) {
      throw new IllegalArgumentException("x and y: need the same non-zero number of tasks, got " + x.size()
          + " and " + y.size());
    }
    int d = -1;
    for (double[][] xt : x) {
      if (xt.length > 0) {
        d = xt[0].length;
        break;
      }
    }
    if (d <= 0) throw new IllegalArgumentException("x: every task is empty, cannot infer the feature count");
    int tasks = x.size();
    int[] n = new int[tasks];
    double[][] flat = new double[tasks][];
    double[][] targets = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      double[][] xt = x.get(t);
      if (xt.length != y.get(t).length) {
        throw new IllegalArgumentException("task " + t + ": " + xt.length + " rows in x but " + y.get(t).length
            + " targets in y");
      }
      n[t] = xt.length;
      flat[t] = flatten(xt, d, "task " + t);
      targets[t] = y.get(t).clone();
    }
    return new MultiTaskData(d, n, flat, targets, false);
  }

  /** Rows of a long table: {@code task[i]} in [0, tasks) names the task of row i. */
  public static MultiTaskData fromRows(int[] task, double[][] features, double[] target, int tasks) {
    if (task.length != features.length || task.length != target.length) {
      throw new IllegalArgumentException("task, features and target: lengths " + task.length + ", "
          + features.length + ", " + target.length + " differ");
    }
    List<List<Integer>> members = new ArrayList<>();
    for (int t = 0; t < tasks; t++) members.add(new ArrayList<>());
    for (int i = 0; i < task.length; i++) {
      if (task[i] < 0 || task[i] >= tasks) {
        throw new IllegalArgumentException("task[" + i + "] = " + task[i] + ": expected 0.." + (tasks - 1));
      }
      members.get(task[i]).add(i);
    }
    List<double[][]> x = new ArrayList<>();
    List<double[]> y = new ArrayList<>();
    for (List<Integer> m : members) {
      x.add(m.stream().map(i -> features[i]).toArray(double[][]::new));
      y.add(m.stream().mapToDouble(i -> target[i]).toArray());
    }
    return of(x, y);
  }

  /** One X [N, D] shared by all tasks, targets y [N, T] (multi-output regression, scikit-learn's layout). */
  public static MultiTaskData sharedX(double[][] x, double[][] y) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("x and y: need the same non-zero number of rows, got " + x.length
          + " and " + y.length);
    }
    int d = x[0].length;
    int tasks = y[0].length;
    double[] flat = flatten(x, d, "x");
    double[][] flatX = new double[tasks][];
    double[][] targets = new double[tasks][x.length];
    int[] n = new int[tasks];
    for (int t = 0; t < tasks; t++) {
      flatX[t] = flat;
      n[t] = x.length;
      for (int i = 0; i < x.length; i++) targets[t][i] = y[i][t];
    }
    return new MultiTaskData(d, n, flatX, targets, true);
  }

  private static double[] flatten(double[][] rows, int d, String what) {
    double[] flat = new double[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw new IllegalArgumentException(what + ", row " + i + ": " + rows[i].length + " features, expected " + d);
      }
      System.arraycopy(rows[i], 0, flat, i * d, d);
    }
    return flat;
  }

  public int tasks() {
    return rows.length;
  }

  /** D, the number of input columns (a bias column, if wanted, is one of them). */
  public int features() {
    return features;
  }

  /** n_t. */
  public int rows(int task) {
    return rows[task];
  }

  public int totalRows() {
    return Arrays.stream(rows).sum();
  }

  /** True when all tasks share one X (built by {@link #sharedX}). */
  public boolean isSharedX() {
    return shared;
  }

  /** X_t flat row-major [n_t, D]; shared between tasks under a shared X. Do not modify. */
  public double[] x(int task) {
    return x[task];
  }

  /** y_t [n_t]. Do not modify. */
  public double[] y(int task) {
    return y[task];
  }

  /** Row i of X_t as a fresh array. */
  public double[] row(int task, int i) {
    return Arrays.copyOfRange(x[task], i * features, (i + 1) * features);
  }

  /** The rows {@code keep[t]} of every task, as a new per-task data set. */
  public MultiTaskData select(int[][] keep) {
    if (keep.length != tasks()) {
      throw new IllegalArgumentException("keep: " + keep.length + " tasks, expected " + tasks());
    }
    int[] n = new int[tasks()];
    double[][] nx = new double[tasks()][];
    double[][] ny = new double[tasks()][];
    for (int t = 0; t < tasks(); t++) {
      n[t] = keep[t].length;
      nx[t] = new double[n[t] * features];
      ny[t] = new double[n[t]];
      for (int k = 0; k < n[t]; k++) {
        int i = keep[t][k];
        System.arraycopy(x[t], i * features, nx[t], k * features, features);
        ny[t][k] = y[t][i];
      }
    }
    return new MultiTaskData(features, n, nx, ny, false);
  }

  /**
   * Splits every task's rows at random into a part of about {@code fraction} and the rest (each part keeps at
   * least one row when the task has two or more): the validation carve used for tuning.
   */
  public MultiTaskData[] randomSplit(double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction = " + fraction + ": expected 0 < fraction < 1");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] first = new int[tasks()][];
    int[][] second = new int[tasks()][];
    for (int t = 0; t < tasks(); t++) {
      int[] perm = Permutations.shuffled(rows[t], rng);
      int k = (int) Math.round(fraction * rows[t]);
      if (rows[t] >= 2) k = Math.max(1, Math.min(rows[t] - 1, k));
      first[t] = Arrays.copyOfRange(perm, 0, k);
      second[t] = Arrays.copyOfRange(perm, k, rows[t]);
      Arrays.sort(first[t]);
      Arrays.sort(second[t]);
    }
    return new MultiTaskData[] {select(first), select(second)};
  }
}
