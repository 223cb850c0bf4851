package io.mtl4j.classical;

import io.mtl4j.classical.solver.Linalg;
import java.util.Arrays;
import java.util.LinkedHashMap;
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

  /** The registry name of the formulation that produced this model. */
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
}
