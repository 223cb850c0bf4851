package io.mtl4j.classical;

/**
 * Σ_t (1/n_t) Σ_i log(1 + exp(−y_i (x_iᵀw_t + c_t))) with labels y in {-1, +1}: MALSAR's Logistic_* scaling
 * (a mean within each task, a sum over tasks), intercepts c_t unpenalised.
 */
final class LogisticLoss implements SmoothLoss {
  private final MultiTaskData data;

  LogisticLoss(MultiTaskData data) {
    for (int t = 0; t < data.tasks(); t++) {
      for (double v : data.y(t)) {
        if (v != 1 && v != -1) {
          throw new IllegalArgumentException("logistic loss: task " + t + " has label " + v + ", expected -1 or 1");
        }
      }
    }
    this.data = data;
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
      if (n == 0) continue;
      int off = t * d;
      if (gw != null) java.util.Arrays.fill(gw, off, off + d, 0.0);
      double gcs = 0;
      double sum = 0;
      for (int i = 0; i < n; i++) {
        double m = c[t];
        int row = i * d;
        for (int j = 0; j < d; j++) m += x[row + j] * w[off + j];
        double z = -y[i] * m;
        // log(1 + e^z) without overflow; its derivative in z is the sigmoid of z.
        sum += z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
        if (gw != null || gc != null) {
          double s = z > 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
          double coef = -y[i] * s / n;
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
    // σ' ≤ 1/4, so L ≤ max_t λ_max([X_t, 1]ᵀ[X_t, 1]) / (4 n_t); the mean squared row norm is a cheap stand-in.
    double best = 0;
    for (int t = 0; t < data.tasks(); t++) {
      int n = data.rows(t);
      if (n == 0) continue;
      double fro = 0;
      for (double v : data.x(t)) fro += v * v;
      best = Math.max(best, (fro / n + 1) / 4);
    }
    return Math.max(best, 1e-12);
  }
}
