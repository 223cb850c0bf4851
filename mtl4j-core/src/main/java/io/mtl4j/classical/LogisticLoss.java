package io.mtl4j.classical;

/**
 * Σ_t (1/n_t) Σ_i log(1 + exp(−y_i (x_iᵀw_t + c_t))) with labels y in {-1, +1}: MALSAR's Logistic_* scaling
 * (a mean within each task, a sum over tasks), intercepts c_t unpenalised.
 */
final class LogisticLoss implements SmoothLoss {
  private final MultiTaskData data;

  LogisticLoss(MultiTaskData data) {
    for (int t = 0; t < data.tasks(); t++) {
      for (double v : data.y(t)) checkLabel(t, v);
    }
    this.data = data;
  }

  /** Refuses a label other than -1 or 1, naming the task. */
  static void checkLabel(int task, double label) {
    if (label != 1 && label != -1) {
      throw new IllegalArgumentException("logistic loss: task " + task + " has label " + label + ", expected -1 or 1");
    }
  }

  /** log(1 + e^z) without overflow. */
  static double logOnePlusExp(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** The sigmoid of z, the derivative of {@link #logOnePlusExp} in z. */
  static double sigmoid(double z) {
    return z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  @Override
  public int features() {
    return data.features();
  }

  @Override
  public int tasks() {
    return data.tasks();
  }

  @Override
  public boolean hasIntercept() {
    return true;
  }

  @Override
  public boolean quadratic() {
    return false;
  }

  @Override
  public double evaluate(double[] w, double[] c, double[] gw, double[] gc) {
    int d = data.features();
    double total = 0;
    for (int t = 0; t < data.tasks(); t++) {
      double[] x = data.x(t);
      double[] y = data.y(t);
      int n = data.rows(t);
      int off = t * d;
      if (gw != null) java.util.Arrays.fill(gw, off, off + d, 0.0);
      if (gc != null) gc[t] = 0;
      if (n == 0) continue;
      double gcs = 0;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double m = c[t];
        int row = i * d;
        for (int j = 0; j < d; j++) m += x[row + j] * w[off + j];
        double z = -y[i] * m;
        sum += logOnePlusExp(z);
        if (gw != null || gc != null) {
          double coef = -y[i] * sigmoid(z) / n;
          gcs += coef;
          if (gw != null) {
            for (int j = 0; j < d; j++) gw[off + j] += coef * x[row + j];
          }
        }
      }
      total += sum / n;
      if (gc != null) gc[t] = gcs;
    }
    return total;
  }

  @Override
  public double lipschitzEstimate() {
    double[] fro = new double[data.tasks()];
    int[] rows = new int[data.tasks()];
    for (int t = 0; t < data.tasks(); t++) {
      rows[t] = data.rows(t);
      for (double v : data.x(t)) fro[t] += v * v;
    }
    return lipschitz(fro, rows);
  }

  /**
   * σ' ≤ 1/4, so L ≤ max_t λ_max([X_t, 1]ᵀ[X_t, 1]) / (4 n_t); the mean squared row norm is a cheap stand-in.
   *
   * @param fro  Σ of the squared entries of X_t, per task
   * @param rows n_t
   */
  static double lipschitz(double[] fro, int[] rows) {
    double best = 0;
    for (int t = 0; t < fro.length; t++) {
      if (rows[t] == 0) continue;
      best = Math.max(best, (fro[t] / rows[t] + 1) / 4);
    }
    return Math.max(best, 1e-12);
  }
}
