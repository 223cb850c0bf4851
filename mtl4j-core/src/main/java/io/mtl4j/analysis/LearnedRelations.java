package io.mtl4j.analysis;

import io.mtl4j.classical.ClusteredMTL;
import io.mtl4j.classical.LinearMtlModel;
import io.mtl4j.classical.LossFunction;
import io.mtl4j.classical.MTRL;
import io.mtl4j.classical.MultiTaskData;
import io.mtl4j.classical.SolverOptions;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Task relations learned by linear multi-task models on the encoded features: the task correlation of MTRL's
 * covariance Ω (Zhang &amp; Yeung, UAI 2010) and the clusters of clustered MTL's M (Zhou, Chen &amp; Ye, NIPS 2011).
 *
 * <p>Both are least squares with binary labels as ±1 (a linear probability model, so binary and regression tasks share
 * one loss) on centred features and labels ({@link LinearRows}), fitted to a seeded sample of at most
 * {@link Options#rows} training rows: fewer when T·rows·D would pass {@value #MAX_CELLS} numbers, none (skipped)
 * beyond {@value #MAX_FEATURES} features. MTRL's λ2 is chosen on a seeded 20 % validation carve of each task's sampled
 * rows (lowest mean validation MSE over {@link #LAMBDA_GRID}); the fits reported use all sampled rows.
 *
 * <p><b>When the data fits a linear model.</b> A task enters only if it is binary or regression (a multiclass,
 * multilabel or per-pixel task has several outputs, not one weight vector) and if the linear model predicts it on
 * the validation carve: R² ≥ {@value #MIN_R2} (regression) or AUC ≥ {@value #MIN_AUC} (binary). The weight vector
 * of a task a linear model cannot predict is noise, and so would be its correlations. Tasks left out get NaN rows
 * and their reason in {@link #excluded}; with fewer than two tasks left the measures are skipped, with the reason.
 *
 * <p>Clustered MTL's cluster count k is the eigen-gap rule on MTRL's correlation matrix C: k = argmax_i
 * (λ_i − λ_{i+1}) over its eigenvalues in descending order (k = 1 when no gap exceeds {@value #MIN_GAP}·T, a
 * spectrum without structure). Its co-cluster matrix is M scaled to unit diagonal; M ≈ the projection onto the
 * clusters' span, so tasks of one cluster score 1, unrelated tasks 0 and opposed tasks (w_q ≈ −w_p, one direction of
 * the span) −1. The clusters join tasks by average linkage while the mean co-cluster value stays ≥ ½: reading
 * clusters from M this way keeps an opposed pair apart, where k-means on M's eigenvectors would weigh it like two
 * clusters.
 *
 * @param correlation MTRL's Ω_st/√(Ω_ss·Ω_tt), [T, T] over all tasks, NaN for those left out; null when skipped
 * @param coCluster   clustered MTL's M scaled to unit diagonal, as above; null when skipped
 * @param clusters    the clusters by task name (tasks left out are in none); empty when skipped
 * @param k           clustered MTL's k from the eigen-gap rule; 0 when skipped
 * @param lambda2     MTRL's chosen λ2 (per sampled row); NaN when skipped
 * @param validation  each fitted task's validation R² or AUC, by name
 * @param excluded    each task left out, by name, with the reason
 * @param skipped     why both measures are missing, or null when they are present
 */
public record LearnedRelations(TaskMatrix correlation, TaskMatrix coCluster, List<List<String>> clusters, int k,
                               double lambda2, Map<String, Double> validation, Map<String, String> excluded,
                               String skipped) {
  public static final String CORRELATION = "mtrlCorrelation";
  public static final String CO_CLUSTER = "cmtlCoCluster";
  static final double MIN_R2 = 0.05;
  static final double MIN_AUC = 0.6;
  static final double MIN_GAP = 0.05;
  /** λ2 per sampled row of a task, strongest first (each fit warm-starts the next). */
  static final double[] LAMBDA_GRID = {1, 0.1, 0.01, 0.001};
  /** The ridge weight λ1 per row: small, it only keeps the problem strongly convex. */
  static final double RIDGE = 1e-3;
  /**
   * Bounded memory: each task holds its own copy of its sampled rows (T·rows·D doubles, at most 20 million, 160 MB,
   * fewer rows when wider) and a Gram matrix of D² (at most 1,000 features, 8 MB per task).
   */
  static final long MAX_CELLS = 20_000_000;
  static final int MAX_FEATURES = 1000;
  /** The share of each task's sampled rows in the validation carve that chooses λ2 and tests the fit. */
  static final double VALIDATION = 0.2;
  /** Rows in a task's validation carve below which its score says nothing. */
  static final int MIN_VALIDATION_ROWS = 10;

  /**
   * @param rows at most this many training rows are sampled for the fits (bounded time and memory); at least 20
   * @param seed seeds the sample and the validation carve
   */
  public record Options(int rows, long seed) {
    public static final int DEFAULT_ROWS = 5000;

    public Options {
      if (rows < 20) throw new IllegalArgumentException("rows = " + rows + ": expected at least 20 rows");
    }
  }

  public LearnedRelations {
    clusters = List.copyOf(clusters);
    validation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(validation));
    excluded = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(excluded));
  }

  /** True when the measures were fitted (else see {@link #skipped}). */
  public boolean fitted() {
    return skipped == null;
  }

  /** Fits both models on {@code train}'s rows for {@code tasks} (see the class comment). */
  public static LearnedRelations fit(Dataset train, List<Task> tasks, Options o) {
    Map<String, String> excluded = new LinkedHashMap<>();
    int width = train.featureCount();
    if (width == 0 || width > MAX_FEATURES) {
      return skipped(excluded, width + " dense encoded features: the linear fits take 1 to " + MAX_FEATURES
          + " (embedded or image inputs are not among them)");
    }
    SplittableRandom rng = new SplittableRandom(o.seed());
    long affordable = MAX_CELLS / ((long) width * tasks.size());
    int[] sample = sample(train.rows(), (int) Math.min(o.rows(), affordable), rng);
    List<Task> usable = usable(train, tasks, sample, excluded);
    if (usable.size() < 2) return skipped(excluded, "fewer than two binary or regression tasks with labelled rows");
    MultiTaskData[] parts = new LinearRows(train, usable, sample).of(sample).randomSplit(VALIDATION, rng.nextLong());
    MultiTaskData valid = parts[0];
    MultiTaskData fit = parts[1];
    double lambda2 = chooseLambda(fit, valid);
    LinearMtlModel chosen = mtrl(fit, lambda2).fit(fit, null);
    Map<String, Double> validation = new LinkedHashMap<>();
    List<Task> fitting = new ArrayList<>();
    for (int t = 0; t < usable.size(); t++) {
      Task task = usable.get(t);
      double score = LinearScores.score(task, chosen.predict(valid, t), valid.y(t));
      validation.put(task.name(), score);
      String reason = LinearScores.misfit(task, score);
      if (reason == null) fitting.add(task);
      else excluded.put(task.name(), reason);
    }
    if (fitting.size() < 2) {
      return new LearnedRelations(null, null, List.of(), 0, Double.NaN, validation, excluded,
          "a linear model predicts fewer than two tasks on the validation carve");
    }
    return relate(train, tasks, fitting, sample, lambda2, validation, excluded);
  }

  /**
   * The binary and regression tasks with enough labelled rows in {@code sample} for a validation carve; the others go
   * into {@code excluded} with the reason.
   */
  private static List<Task> usable(Dataset train, List<Task> tasks, int[] sample, Map<String, String> excluded) {
    List<Task> usable = new ArrayList<>();
    for (Task t : tasks) {
      if (!(t.type() instanceof TaskType.Binary || t.type() instanceof TaskType.Regression)) {
        excluded.put(t.name(), t.type().kind() + " task: a linear model of one weight vector per task needs binary "
            + "or regression labels");
      } else if (Math.round(VALIDATION * LinearRows.labelled(train, t, sample).length) < MIN_VALIDATION_ROWS) {
        excluded.put(t.name(), "fewer than " + MIN_VALIDATION_ROWS + " labelled rows in the validation carve");
      } else {
        usable.add(t);
      }
    }
    return usable;
  }

  private static LearnedRelations relate(Dataset train, List<Task> tasks, List<Task> fitting, int[] sample,
                                         double lambda2, Map<String, Double> validation,
                                         Map<String, String> excluded) {
    MultiTaskData all = new LinearRows(train, fitting, sample).of(sample);
    double[] correlation = mtrl(all, lambda2).fit(all, null).parts().get("correlation").values();
    int f = fitting.size();
    int k = eigenGap(correlation, f);
    double perRow = perRow(all);
    ClusteredMTL cmtl = new ClusteredMTL(new ClusteredMTL.Options(lambda2 * perRow, RIDGE * perRow, k, 1e-6, 100,
        LossFunction.LEAST_SQUARES, solver()));
    double[] coCluster = MTRL.correlation(cmtl.fit(all, null).parts().get("M").values(), f);
    List<String> names = tasks.stream().map(Task::name).toList();
    int[] at = fitting.stream().mapToInt(t -> names.indexOf(t.name())).toArray();
    long[][] counts = coLabelled(train, tasks, sample);
    List<List<String>> clusters = new ArrayList<>();
    for (List<Integer> c : TaskOrder.groups(square(coCluster, f), 0.5)) {
      clusters.add(c.stream().sorted().map(i -> fitting.get(i).name()).toList());
    }
    return new LearnedRelations(spread(CORRELATION, names, correlation, at, counts),
        spread(CO_CLUSTER, names, coCluster, at, counts), clusters, k, lambda2, validation, excluded, null);
  }

  private static LearnedRelations skipped(Map<String, String> excluded, String reason) {
    return new LearnedRelations(null, null, List.of(), 0, Double.NaN, Map.of(), excluded, reason);
  }

  /** λ2 with the lowest mean validation MSE over the grid (per row, times the mean rows per task). */
  private static double chooseLambda(MultiTaskData fit, MultiTaskData valid) {
    double best = Double.NaN, bestError = Double.POSITIVE_INFINITY;
    LinearMtlModel previous = null;
    for (double lambda : LAMBDA_GRID) {
      LinearMtlModel m = mtrl(fit, lambda).fit(fit, previous);
      previous = m;
      double error = 0;
      for (int t = 0; t < valid.tasks(); t++) error += LinearScores.mse(m.predict(valid, t), valid.y(t));
      if (error < bestError) {
        bestError = error;
        best = lambda;
      }
    }
    return best;
  }

  /** MTRL with λ1 = {@link #RIDGE} and λ2 = {@code lambda2}, both per row of a task in {@code data}. */
  private static MTRL mtrl(MultiTaskData data, double lambda2) {
    double perRow = perRow(data);
    return new MTRL(new MTRL.Options(RIDGE * perRow, lambda2 * perRow, LossFunction.LEAST_SQUARES, solver()));
  }

  /** The regularisation weights scale with the rows, as the least-squares loss is a sum over them. */
  private static double perRow(MultiTaskData data) {
    return data.totalRows() / (double) data.tasks();
  }

  /** Tighter than relations need would cost minutes on one-hot features; 1e-5 leaves correlations stable to 1e-3. */
  private static SolverOptions solver() {
    return SolverOptions.converged().withTolerance(1e-5);
  }

  /** k = argmax_i (λ_i − λ_{i+1}) of the symmetric C [T, T], eigenvalues descending; 1 without a gap ≥ MIN_GAP·T. */
  static int eigenGap(double[] c, int tasks) {
    double[] ascending = io.mtl4j.linalg.Linalg.symmetricEigen(c, tasks).values();
    int k = 1;
    double widest = MIN_GAP * tasks;
    for (int i = 1; i < tasks; i++) {
      double gap = ascending[tasks - i] - ascending[tasks - i - 1];
      if (gap > widest) {
        widest = gap;
        k = i;
      }
    }
    return k;
  }

  /** The fitted tasks' [F, F] values placed at their rows and columns of a [T, T] matrix, NaN elsewhere. */
  private static TaskMatrix spread(String measure, List<String> names, double[] values, int[] at, long[][] counts) {
    int t = names.size();
    double[][] out = new double[t][t];
    for (double[] row : out) Arrays.fill(row, Double.NaN);
    for (int a = 0; a < at.length; a++) {
      for (int b = 0; b < at.length; b++) out[at[a]][at[b]] = values[a * at.length + b];
    }
    return new TaskMatrix(measure, names, out, counts, true);
  }

  private static double[][] square(double[] values, int tasks) {
    double[][] out = new double[tasks][];
    for (int s = 0; s < tasks; s++) out[s] = Arrays.copyOfRange(values, s * tasks, (s + 1) * tasks);
    return out;
  }

  /** Sampled rows on which both tasks of a pair are labelled: the evidence behind each entry. */
  private static long[][] coLabelled(Dataset train, List<Task> tasks, int[] sample) {
    int t = tasks.size();
    float[][] masks = new float[t][];
    for (int i = 0; i < t; i++) masks[i] = train.mask(tasks.get(i).name()).toArray();
    long[][] counts = new long[t][t];
    for (int r : sample) {
      for (int i = 0; i < t; i++) {
        if (masks[i][r] == 0f) continue;
        for (int j = 0; j < t; j++) if (masks[j][r] != 0f) counts[i][j]++;
      }
    }
    return counts;
  }

  /** {@code limit} of {@code rows} row indices (all when fewer), uniformly, ascending: Knuth's selection sampling. */
  private static int[] sample(int rows, int limit, SplittableRandom rng) {
    int[] out = new int[Math.min(rows, limit)];
    int chosen = 0;
    for (int r = 0; r < rows && chosen < out.length; r++) {
      if (rng.nextDouble() * (rows - r) < out.length - chosen) out[chosen++] = r;
    }
    return out;
  }
}
