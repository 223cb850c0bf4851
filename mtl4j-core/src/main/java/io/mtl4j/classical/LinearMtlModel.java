package io.mtl4j.classical;

import io.mtl4j.linalg.Linalg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fitted linear multi-task model: task t predicts x·w_t (+ c_t), W [D, T]. Immutable.
 *
 * <p>Inspection: {@link #selectedFeatures} (L2,1 and friends), {@link #singularValues} and {@link #rank} (trace
 * norm), and the formulation's own parts by name (dirty model and rMTFL: {@code P}, {@code Q}; MTRL:
 * {@code omega}, {@code correlation}; clustered MTL: {@code M}, {@code clusters}; GO-MTL: {@code L}, {@code S}).
 */
public final class LinearMtlModel implements ClassicalModel {
  private final String formulation;
  private final int features;
  private final int tasks;
  private final double[] w;
  private final double[] intercepts;
  private final LossFunction loss;
  private final FitReport report;
  private final Map<String, DenseMatrix> parts;
  /** The solver's own variable (components and intercepts): what a warm start resumes from. */
  private final double[] state;

  LinearMtlModel(String formulation, int features, int tasks, double[] w, double[] intercepts, LossFunction loss,
                 FitReport report, Map<String, DenseMatrix> parts, double[] state) {
    if (w.length != features * tasks) {
      throw new IllegalArgumentException("w: length " + w.length + ", expected D·T = " + features * tasks);
    }
    this.formulation = formulation;
    this.features = features;
    this.tasks = tasks;
    this.w = w;
    this.intercepts = intercepts == null ? new double[tasks] : intercepts;
    this.loss = loss;
    this.report = report;
    this.parts = Map.copyOf(new LinkedHashMap<>(parts));
    this.state = state;
  }

  @Override
  public String formulation() {
    return formulation;
  }

  public int features() {
    return features;
  }

  @Override
  public int tasks() {
    return tasks;
  }

  public LossFunction loss() {
    return loss;
  }

  @Override
  public boolean classifier() {
    return loss == LossFunction.LOGISTIC;
  }

  @Override
  public FitReport report() {
    return report;
  }

  @Override
  public double predict(int task, double[] x) {
    if (x.length != features) {
      throw new IllegalArgumentException("x: " + x.length + " features, expected " + features);
    }
    double s = intercepts[task];
    int off = task * features;
    for (int j = 0; j < features; j++) s += x[j] * w[off + j];
    return s;
  }

  /** w_t [D]. */
  public double[] weights(int task) {
    return Arrays.copyOfRange(w, task * features, (task + 1) * features);
  }

  /** W [D, T] (MALSAR's orientation: feature rows, task columns). */
  public DenseMatrix weightMatrix() {
    return new DenseMatrix(features, tasks, w.clone());
  }

  /** c [T] (zeros for least squares, whose bias is a column of X as in MALSAR). */
  public double[] intercepts() {
    return intercepts.clone();
  }

  /** ||W_{j,·}||₂ per feature j. */
  public double[] featureNorms() {
    return Penalty.rowNorms(w, 0, features, tasks);
  }

  /** Features whose row of W has a norm above {@code threshold} (0 for exact zeros of L2,1/L1,∞). */
  public int[] selectedFeatures(double threshold) {
    double[] norms = featureNorms();
    return java.util.stream.IntStream.range(0, features).filter(j -> norms[j] > threshold).toArray();
  }

  /** Singular values of W, descending. */
  public double[] singularValues() {
    return Linalg.svd(w.clone(), features, tasks).s();
  }

  /** The number of singular values above {@code relTol}·σ_max. */
  public int rank(double relTol) {
    double[] s = singularValues();
    if (s.length == 0 || s[0] == 0) return 0;
    int r = 0;
    for (double v : s) if (v > relTol * s[0]) r++;
    return r;
  }

  /** Formulation-specific parts by name (see the class comment); empty when there are none. */
  public Map<String, DenseMatrix> parts() {
    return parts;
  }

  double[] state() {
    return state;
  }

  /**
   * A plain, JSON-ready description (maps, lists, numbers, strings): what a model file stores. W is written as D
   * rows of T numbers; parts as {rows, cols, values (rows)}. {@link #fromMap} reads it back.
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "linear-mtl");
    m.put("formatVersion", 1);
    m.put("formulation", formulation);
    m.put("loss", loss.key());
    m.put("features", features);
    m.put("tasks", tasks);
    m.put("weights", rows(weightMatrix()));
    m.put("intercepts", Arrays.stream(intercepts).boxed().toList());
    Map<String, Object> p = new LinkedHashMap<>();
    parts.forEach((k, v) -> p.put(k, Map.of("rows", v.rows(), "cols", v.cols(), "values", rows(v))));
    m.put("parts", p);
    m.put("report", report.toMap());
    return m;
  }

  private static List<List<Double>> rows(DenseMatrix m) {
    List<List<Double>> out = new ArrayList<>();
    for (double[] row : m.toRows()) out.add(Arrays.stream(row).boxed().toList());
    return out;
  }

  /** The inverse of {@link #toMap} (numbers may come back as any {@link Number}, e.g. from a JSON reader). */
  @SuppressWarnings("unchecked")
  public static LinearMtlModel fromMap(Map<String, ?> m) {
    Object kind = m.get("kind");
    if (!"linear-mtl".equals(kind)) {
      throw new IllegalArgumentException("kind = '" + kind + "': expected linear-mtl");
    }
    int version = ((Number) m.get("formatVersion")).intValue();
    if (version != 1) throw new IllegalArgumentException("formatVersion = " + version + ": this reader knows 1");
    int d = ((Number) m.get("features")).intValue();
    int tasks = ((Number) m.get("tasks")).intValue();
    DenseMatrix w = matrix(d, tasks, (List<List<Number>>) m.get("weights"));
    double[] c = ((List<Number>) m.get("intercepts")).stream().mapToDouble(Number::doubleValue).toArray();
    Map<String, DenseMatrix> parts = new LinkedHashMap<>();
    ((Map<String, Map<String, Object>>) m.get("parts")).forEach((k, v) -> parts.put(k, matrix(
        ((Number) v.get("rows")).intValue(), ((Number) v.get("cols")).intValue(),
        (List<List<Number>>) v.get("values"))));
    FitReport report = FitReport.fromMap((Map<String, Object>) m.get("report"));
    return new LinearMtlModel((String) m.get("formulation"), d, tasks, w.values(), c,
        LossFunction.fromKey((String) m.get("loss")), report, parts, null);
  }

  private static DenseMatrix matrix(int rows, int cols, List<List<Number>> values) {
    if (values.size() != rows) throw new IllegalArgumentException("matrix: " + values.size() + " rows, expected " + rows);
    double[] v = new double[rows * cols];
    for (int i = 0; i < rows; i++) {
      List<Number> row = values.get(i);
      if (row.size() != cols) {
        throw new IllegalArgumentException("matrix row " + i + ": " + row.size() + " values, expected " + cols);
      }
      for (int j = 0; j < cols; j++) v[j * rows + i] = row.get(j).doubleValue();
    }
    return new DenseMatrix(rows, cols, v);
  }
}
