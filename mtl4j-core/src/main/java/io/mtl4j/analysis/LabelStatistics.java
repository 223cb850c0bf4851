package io.mtl4j.analysis;

import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Label statistics between tasks on the rows where both labels exist, each with the row count behind it. The measure
 * follows the pair's task types: Pearson and Spearman between ordered labels (regression, binary), mutual information
 * and Cramér's V between any single-column labels (regression targets in {@value #BINS} quantile bins). Between two
 * binary labels the {@code cramersV} entry is the signed φ coefficient, of which V is the magnitude; between other
 * labels V has no sign. A multilabel task has several labels per row and gets NaN: declare its labels as binary tasks
 * to relate them.
 */
public final class LabelStatistics {
  /** Quantile bins of a regression target in a contingency table: enough for shape, few enough for stable counts. */
  static final int BINS = 10;
  public static final List<String> MEASURES = List.of("pearson", "spearman", "mutualInformation", "cramersV");

  private LabelStatistics() {}

  /** The four measures by name ({@link #MEASURES}), each [T, T] over {@code tasks} as labelled in {@code data}. */
  public static Map<String, TaskMatrix> of(Dataset data, List<Task> tasks) {
    int t = tasks.size();
    double[][][] values = new double[MEASURES.size()][t][t];
    long[][] counts = new long[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = i; j < t; j++) {
        double[] pair = pair(data, tasks.get(i), tasks.get(j), counts, i, j);
        for (int m = 0; m < pair.length; m++) {
          values[m][i][j] = pair[m];
          values[m][j][i] = pair[m];
        }
      }
    }
    List<String> names = tasks.stream().map(Task::name).toList();
    Map<String, TaskMatrix> out = new LinkedHashMap<>();
    for (int m = 0; m < MEASURES.size(); m++) out.put(MEASURES.get(m), new TaskMatrix(MEASURES.get(m), names, values[m], counts, true));
    return out;
  }

  /** The measures of one pair in {@link #MEASURES} order; records the co-labelled rows in counts (both ways). */
  private static double[] pair(Dataset data, Task a, Task b, long[][] counts, int i, int j) {
    double[] nan = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    if (a.type() instanceof TaskType.Multilabel || b.type() instanceof TaskType.Multilabel) return nan;
    Tensor ya = data.labels(a.name()), yb = data.labels(b.name());
    Tensor ma = data.mask(a.name()), mb = data.mask(b.name());
    List<Integer> rows = new ArrayList<>();
    for (int r = 0; r < data.rows(); r++) if (ma.get(r) != 0f && mb.get(r) != 0f) rows.add(r);
    counts[i][j] = rows.size();
    counts[j][i] = rows.size();
    double[] x = new double[rows.size()], y = new double[rows.size()];
    for (int k = 0; k < x.length; k++) {
      x[k] = ya.get(rows.get(k));
      y[k] = yb.get(rows.get(k));
    }
    boolean ordered = ordered(a.type()) && ordered(b.type());
    long[][] table = Association.table(codes(x, a.type()), levels(a.type()), codes(y, b.type()), levels(b.type()));
    double pearson = ordered ? Association.pearson(x, y) : Double.NaN;
    boolean binary = a.type() instanceof TaskType.Binary && b.type() instanceof TaskType.Binary;
    // Of two binary labels V = |φ| and φ is their Pearson r: the signed value loses nothing and says which way.
    return new double[] {pearson, ordered ? Association.spearman(x, y) : Double.NaN,
        Association.mutualInformation(table), binary ? pearson : Association.cramersV(table)};
  }

  /** Labels whose order means something: a regression target, or a binary label (0 < 1). */
  private static boolean ordered(TaskType type) {
    return type instanceof TaskType.Regression || type instanceof TaskType.Binary;
  }

  private static int levels(TaskType type) {
    if (type instanceof TaskType.Multiclass m) return m.classes();
    return type instanceof TaskType.Binary ? 2 : BINS;
  }

  private static int[] codes(double[] labels, TaskType type) {
    if (type instanceof TaskType.Regression) return Association.quantileCodes(labels, BINS);
    int[] codes = new int[labels.length];
    for (int k = 0; k < labels.length; k++) codes[k] = (int) labels[k];
    return codes;
  }
}
