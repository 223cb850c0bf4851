package io.mtl4j.classical;

import io.mtl4j.linalg.Linalg;
import io.mtl4j.classical.solver.ProximalProblem;
import java.util.List;

/**
 * min f(W, c) + tr(W·M·Wᵀ) + Σ_k λ_k·Ω_k(W_k) with W = Σ_k W_k: the shape shared by every formulation here.
 *
 * <p>One component (Lasso, L21, trace norm) or two (dirty model, rMTFL, robust MTL: W = P + Q). The optional
 * coupling M [T, T] (symmetric, PSD) carries graph, mean and task-covariance regularisers. The flat variable is
 * [W_0 | W_1 | … | c]: every component [D, T] column-major, then the intercepts when the loss has them.
 */
final class CompositeProblem implements ProximalProblem {
  final SmoothLoss loss;
  final List<Penalty> penalties;
  private final double[] coupling;
  final int d;
  final int tasks;
  private final int block;
  private final int dimension;
  private final double couplingEigenvalue;

  CompositeProblem(SmoothLoss loss, List<Penalty> penalties, double[] coupling) {
    if (penalties.isEmpty()) throw new IllegalArgumentException("penalties: need at least one component");
    this.loss = loss;
    this.penalties = List.copyOf(penalties);
    this.coupling = coupling;
    this.d = loss.features();
    this.tasks = loss.tasks();
    this.block = d * tasks;
    this.dimension = block * penalties.size() + (loss.hasIntercept() ? tasks : 0);
    this.couplingEigenvalue = coupling == null ? 0 : Linalg.largestEigenvalue(coupling, tasks);
    this.wBuffer = new double[block];
    this.gwBuffer = new double[block];
    this.cBuffer = new double[tasks];
    this.gcBuffer = new double[tasks];
  }

  CompositeProblem(SmoothLoss loss, List<Penalty> penalties) {
    this(loss, penalties, null);
  }

  int components() {
    return penalties.size();
  }

  /** W = Σ_k W_k out of a flat variable. */
  double[] weights(double[] x) {
    double[] w = new double[block];
    for (int k = 0; k < penalties.size(); k++) {
      for (int i = 0; i < block; i++) w[i] += x[k * block + i];
    }
    return w;
  }

  double[] component(double[] x, int k) {
    return java.util.Arrays.copyOfRange(x, k * block, (k + 1) * block);
  }

  double[] intercepts(double[] x) {
    return loss.hasIntercept() ? java.util.Arrays.copyOfRange(x, penalties.size() * block, dimension)
        : new double[tasks];
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /** Work arrays of {@link #smooth}: a problem is solved by one thread at a time, so they are reused. */
  private final double[] wBuffer;
  private final double[] gwBuffer;
  private final double[] cBuffer;
  private final double[] gcBuffer;

  @Override
  public double smooth(double[] x, double[] grad) {
    double[] w = wBuffer;
    System.arraycopy(x, 0, w, 0, block);
    for (int k = 1; k < penalties.size(); k++) {
      for (int i = 0; i < block; i++) w[i] += x[k * block + i];
    }
    double[] c = cBuffer;
    if (loss.hasIntercept()) System.arraycopy(x, penalties.size() * block, c, 0, tasks);
    double[] gw = grad == null ? null : gwBuffer;
    double[] gc = grad == null || !loss.hasIntercept() ? null : gcBuffer;
    double f = loss.evaluate(w, c, gw, gc);
    if (coupling != null) f += couple(w, gw);
    if (grad != null) {
      for (int k = 0; k < penalties.size(); k++) System.arraycopy(gw, 0, grad, k * block, block);
      if (gc != null) System.arraycopy(gc, 0, grad, penalties.size() * block, tasks);
    }
    return f;
  }

  /** tr(W·M·Wᵀ), adding its gradient 2·W·M into gw. */
  private double couple(double[] w, double[] gw) {
    double value = 0;
    double[] wm = new double[d];
    for (int t = 0; t < tasks; t++) {
      java.util.Arrays.fill(wm, 0);
      for (int s = 0; s < tasks; s++) {
        double m = coupling[s * tasks + t];
        if (m == 0) continue;
        for (int j = 0; j < d; j++) wm[j] += m * w[s * d + j];
      }
      for (int j = 0; j < d; j++) {
        value += w[t * d + j] * wm[j];
        if (gw != null) gw[t * d + j] += 2 * wm[j];
      }
    }
    return value;
  }

  @Override
  public double prox(double[] v, double step, double[] out) {
    double g = 0;
    for (int k = 0; k < penalties.size(); k++) g += penalties.get(k).prox(v, step, out, k * block, d, tasks);
    if (loss.hasIntercept()) {
      int off = penalties.size() * block;
      System.arraycopy(v, off, out, off, tasks);
    }
    return g;
  }

  @Override
  public double penalty(double[] x) {
    double g = 0;
    for (int k = 0; k < penalties.size(); k++) g += penalties.get(k).value(x, k * block, d, tasks);
    return g;
  }

  @Override
  public double lipschitzEstimate() {
    return penalties.size() * (loss.lipschitzEstimate() + 2 * couplingEigenvalue);
  }

  @Override
  public boolean quadratic() {
    return loss.quadratic();
  }

  /**
   * For least squares s·||Y − XW||² with one component and no coupling: θ = 2s·α·R with α = min(1, λ/Ω*(∇f))
   * is dual feasible and D(θ) = 2sα(||Y||² − ⟨W, B⟩) − sα²||R||² (scikit-learn's gap when s = 1/2).
   */
  @Override
  public double dualityGap(double[] x, double[] grad, double f) {
    if (!(loss instanceof LeastSquaresLoss ls) || penalties.size() != 1 || coupling != null) return Double.NaN;
    Penalty p = penalties.get(0);
    double dual = p.dualNorm(grad, 0, d, tasks);
    if (Double.isNaN(dual)) return Double.NaN;
    double alpha = dual > p.lambda() ? p.lambda() / dual : 1.0;
    double s = ls.scale;
    double residualSq = f / s;
    double dualValue = 2 * s * alpha * (ls.targetEnergy() - ls.correlation(x)) - s * alpha * alpha * residualSq;
    return f + p.value(x, 0, d, tasks) - dualValue;
  }

  @Override
  public double gapScale() {
    return loss instanceof LeastSquaresLoss ls ? ls.targetEnergy() : 1.0;
  }
}
