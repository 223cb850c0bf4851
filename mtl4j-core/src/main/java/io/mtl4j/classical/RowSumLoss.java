package io.mtl4j.classical;

import io.mtl4j.linalg.Linalg;

/**
 * The smooth loss of {@link SmoothLoss#of} computed from sums over the rows ({@link RowSum}) instead of rows in
 * memory: each evaluation is one pass over the rows for the value and the gradient (least squares from residuals,
 * not from Gram statistics), so the rows may sit on a cluster. It equals {@link LeastSquaresLoss} and
 * {@link LogisticLoss} up to the rounding of the sums, with the same Lipschitz estimates (one more pass, once).
 */
final class RowSumLoss implements SmoothLoss {
  private final RowSum rows;
  private final LossFunction kind;
  private final double scale;
  private final int[] counts;

  /** @throws IllegalArgumentException a logistic label other than ±1, with {@link LogisticLoss}'s message */
  RowSumLoss(RowSum rows, LossFunction kind, double scale) {
    this.rows = rows;
    this.kind = kind;
    this.scale = scale;
    this.counts = new int[rows.tasks()];
    for (int t = 0; t < counts.length; t++) counts[t] = rows.rows(t);
    if (kind == LossFunction.LOGISTIC) rows.sum(new LabelCheck());
  }

  @Override
  public int features() {
    return rows.features();
  }

  @Override
  public int tasks() {
    return counts.length;
  }

  @Override
  public boolean hasIntercept() {
    return kind == LossFunction.LOGISTIC;
  }

  @Override
  public boolean quadratic() {
    return kind == LossFunction.LEAST_SQUARES;
  }

  @Override
  public double evaluate(double[] w, double[] c, double[] gw, double[] gc) {
    int block = features() * tasks();
    if (kind == LossFunction.LEAST_SQUARES) {
      double[] sum = rows.sum(new Squares(w.clone(), features(), tasks(), gw != null));
      if (gw != null) {
        for (int i = 0; i < block; i++) gw[i] = 2 * scale * sum[1 + i];
      }
      return scale * sum[0];
    }
    boolean gradient = gw != null || gc != null;
    double[] sum = rows.sum(new Logistic(w.clone(), c.clone(), counts, features(), gradient));
    double total = 0;
    for (int t = 0; t < tasks(); t++) {
      if (counts[t] > 0) total += sum[t] / counts[t];
    }
    if (gw != null) System.arraycopy(sum, tasks(), gw, 0, block);
    if (gc != null) System.arraycopy(sum, tasks() + block, gc, 0, tasks());
    return total;
  }

  @Override
  public double lipschitzEstimate() {
    int d = features();
    if (kind == LossFunction.LEAST_SQUARES) {
      double[] gram = rows.sum(new Gram(d, tasks()));
      double best = 0;
      for (int t = 0; t < tasks(); t++) {
        double[] g = java.util.Arrays.copyOfRange(gram, t * d * d, (t + 1) * d * d);
        best = Math.max(best, Linalg.largestEigenvalue(g, d));
      }
      return 2 * scale * best;
    }
    return LogisticLoss.lipschitz(rows.sum(new SquaredEntries(d, tasks())), counts);
  }

  /** [Σ r², Σ r·x per task and feature] with r = x·w_t − y. */
  private record Squares(double[] w, int d, int tasks, boolean gradient) implements RowTerm {
    @Override
    public int size() {
      return gradient ? 1 + d * tasks : 1;
    }

    @Override
    public void add(int task, double[] x, double[] y, int n, double[] sum) {
      int off = task * d;
      for (int i = 0; i < n; i++) {
        int row = i * d;
        double r = -y[i];
        for (int j = 0; j < d; j++) r += x[row + j] * w[off + j];
        sum[0] += r * r;
        if (!gradient) continue;
        for (int j = 0; j < d; j++) sum[1 + off + j] += r * x[row + j];
      }
    }
  }

  /**
   * [Σ log(1 + e^z) per task, Σ −y·σ(z)·x/n_t per task and feature, Σ −y·σ(z)/n_t per task], z = −y(x·w_t + c_t):
   * each row's gradient term divided by n_t as {@link LogisticLoss} does, so one pass over a task is its bits.
   */
  private record Logistic(double[] w, double[] c, int[] counts, int d, boolean gradient) implements RowTerm {
    @Override
    public int size() {
      int tasks = counts.length;
      return gradient ? tasks + d * tasks + tasks : tasks;
    }

    @Override
    public void add(int task, double[] x, double[] y, int n, double[] sum) {
      int tasks = counts.length;
      int off = task * d;
      int gwAt = tasks + off;
      int gcAt = tasks + d * tasks + task;
      for (int i = 0; i < n; i++) {
        int row = i * d;
        double m = c[task];
        for (int j = 0; j < d; j++) m += x[row + j] * w[off + j];
        double z = -y[i] * m;
        sum[task] += LogisticLoss.logOnePlusExp(z);
        if (!gradient) continue;
        double coef = -y[i] * LogisticLoss.sigmoid(z) / counts[task];
        sum[gcAt] += coef;
        for (int j = 0; j < d; j++) sum[gwAt + j] += coef * x[row + j];
      }
    }
  }

  /** G_t = X_tᵀX_t per task, [T, D, D] flat. */
  private record Gram(int d, int tasks) implements RowTerm {
    @Override
    public int size() {
      return tasks * d * d;
    }

    @Override
    public void add(int task, double[] x, double[] y, int n, double[] sum) {
      int off = task * d * d;
      for (int i = 0; i < n; i++) {
        int row = i * d;
        for (int a = 0; a < d; a++) {
          double xa = x[row + a];
          if (xa == 0) continue;
          for (int b = 0; b < d; b++) sum[off + a * d + b] += xa * x[row + b];
        }
      }
    }
  }

  /** Σ of X_t's squared entries per task. */
  private record SquaredEntries(int d, int tasks) implements RowTerm {
    @Override
    public int size() {
      return tasks;
    }

    @Override
    public void add(int task, double[] x, double[] y, int n, double[] sum) {
      for (int i = 0; i < n * d; i++) sum[task] += x[i] * x[i];
    }
  }

  /** Fails on the first label that is not ±1; sums nothing. */
  private static final class LabelCheck implements RowTerm {
    private static final long serialVersionUID = 1L;

    @Override
    public int size() {
      return 0;
    }

    @Override
    public void add(int task, double[] x, double[] y, int n, double[] sum) {
      for (int i = 0; i < n; i++) LogisticLoss.checkLabel(task, y[i]);
    }
  }
}
