package io.mtl4j.analysis;

import java.util.List;

/**
 * One relatedness measure between every pair of tasks, [T, T] in task order, with the evidence behind each entry:
 * co-labelled rows for label statistics, sampled steps for gradient measures. NaN where the measure is undefined
 * (a task type it does not apply to, no rows).
 *
 * @param measure  the measure's name in files and reports (e.g. {@code pearson}, {@code affinity})
 * @param symmetric whether entry (i, j) equals (j, i) by definition; affinity is directed: row i acts on column j
 */
public record TaskMatrix(String measure, List<String> tasks, double[][] values, long[][] counts, boolean symmetric) {
  public TaskMatrix {
    tasks = List.copyOf(tasks);
    int t = tasks.size();
    if (values.length != t || counts.length != t) {
      throw new IllegalArgumentException(measure + ": " + values.length + " rows of values for " + t + " tasks");
    }
  }

  public int size() {
    return tasks.size();
  }

  public double get(int i, int j) {
    return values[i][j];
  }

  /** Entry by task names. */
  public double get(String from, String to) {
    return values[index(from)][index(to)];
  }

  public int index(String task) {
    int i = tasks.indexOf(task);
    if (i < 0) throw new IllegalArgumentException(measure + ": no task '" + task + "'; tasks: " + tasks);
    return i;
  }

  /** (M + Mᵀ)/2 off the diagonal: what a directed measure says about a pair, for ordering and comparing. */
  public double[][] symmetrised() {
    int t = size();
    double[][] s = new double[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) s[i][j] = i == j ? values[i][j] : (values[i][j] + values[j][i]) / 2;
    }
    return s;
  }
}
