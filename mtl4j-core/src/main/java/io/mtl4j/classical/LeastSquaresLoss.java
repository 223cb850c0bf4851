package io.mtl4j.classical;

/** scale·Σ_t ||X_t w_t − y_t||², evaluated exactly from the Gram statistics: O(T·D²) per call. */
final class LeastSquaresLoss implements SmoothLoss {
  final LeastSquaresStats gram;
  final double scale;

  LeastSquaresLoss(LeastSquaresStats gram, double scale) {
    this.gram = gram;
    this.scale = scale;
  }

  @Override
  public int features() {
    return gram.features;
  }

  @Override
  public int tasks() {
    return gram.tasks;
  }

  @Override
  public boolean hasIntercept() {
    return false;
  }

  @Override
  public boolean quadratic() {
    return true;
  }

  @Override
  public double evaluate(double[] w, double[] c, double[] gw, double[] gc) {
    if (gram.lazy()) return evaluateActive(w, gw);
    int d = gram.features;
    double total = 0;
    double[] gwt = new double[d];
    for (int t = 0; t < gram.tasks; t++) {
      double[] g = gram.g(t);
      double[] b = gram.b[t];
      int off = t * d;
      // ||Xw − y||² = wᵀGw − 2bᵀw + yᵀy; written as wᵀ(Gw − b) − bᵀw + c to reuse Gw − b for the gradient.
      // G·w as a sum of G's rows (G is symmetric) scaled by w_j: an axpy the JIT vectorises, unlike a dot.
      for (int i = 0; i < d; i++) gwt[i] = -b[i];
      for (int j = 0; j < d; j++) {
        double wj = w[off + j];
        if (wj == 0) continue;
        int row = j * d;
        for (int i = 0; i < d; i++) gwt[i] += g[row + i] * wj;
      }
      double quad = 0;
      double lin = 0;
      for (int i = 0; i < d; i++) {
        quad += w[off + i] * gwt[i];
        lin += b[i] * w[off + i];
      }
      total += quad - lin + gram.c[t];
      if (gw != null) {
        for (int i = 0; i < d; i++) gw[off + i] = 2 * scale * gwt[i];
      }
    }
    return scale * total;
  }

  /**
   * Shared X in lazy mode: G·w_t = Σ_{j active} G[:, j]·w_tj, so only the Gram columns of features some task uses
   * are ever formed (a sparse L21/Lasso path touches X once per newly active feature, never D² work).
   */
  private double evaluateActive(double[] w, double[] gw) {
    int d = gram.features;
    boolean[] active = new boolean[d];
    for (int t = 0; t < gram.tasks; t++) {
      for (int j = 0; j < d; j++) if (w[t * d + j] != 0) active[j] = true;
    }
    gram.ensureColumns(active);
    double total = 0;
    double[] gwt = new double[d];
    for (int t = 0; t < gram.tasks; t++) {
      int off = t * d;
      double[] b = gram.b[t];
      for (int i = 0; i < d; i++) gwt[i] = -b[i];
      for (int j = 0; j < d; j++) {
        double wj = w[off + j];
        if (wj == 0) continue;
        double[] col = gram.column(j);
        for (int i = 0; i < d; i++) gwt[i] += col[i] * wj;
      }
      double quad = 0;
      double lin = 0;
      for (int i = 0; i < d; i++) {
        quad += w[off + i] * gwt[i];
        lin += b[i] * w[off + i];
      }
      total += quad - lin + gram.c[t];
      if (gw != null) {
        for (int i = 0; i < d; i++) gw[off + i] = 2 * scale * gwt[i];
      }
    }
    return scale * total;
  }

  @Override
  public double lipschitzEstimate() {
    return 2 * scale * gram.maxEigenvalue();
  }

  /** Σ_t ||y_t||², the scale of scikit-learn's relative duality-gap tolerance. */
  double targetEnergy() {
    double s = 0;
    for (double v : gram.c) s += v;
    return s;
  }

  /** ⟨W, B⟩ = Σ_t b_tᵀw_t. */
  double correlation(double[] w) {
    int d = gram.features;
    double s = 0;
    for (int t = 0; t < gram.tasks; t++) {
      for (int i = 0; i < d; i++) s += gram.b[t][i] * w[t * d + i];
    }
    return s;
  }
}
