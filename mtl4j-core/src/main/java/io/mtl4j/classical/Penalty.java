package io.mtl4j.classical;

import io.mtl4j.linalg.Linalg;
import io.mtl4j.classical.solver.Prox;
import java.util.Arrays;

/**
 * λ·Ω(W) for one component W [D, T] (column-major, starting at {@code off} of a flat vector), with its exact prox.
 */
interface Penalty {
  double lambda();

  /** λ·Ω(W). */
  double value(double[] w, int off, int d, int tasks);

  /** out = prox_{step·λ·Ω}(v) on the component; returns λ·Ω(out). */
  double prox(double[] v, double step, double[] out, int off, int d, int tasks);

  /** The dual norm Ω*(G) of the component of G (NaN when not implemented): enables a duality gap. */
  default double dualNorm(double[] g, int off, int d, int tasks) {
    return Double.NaN;
  }

  static Penalty none() {
    return new Penalty() {
      public double lambda() {
        return 0;
      }

      public double value(double[] w, int off, int d, int tasks) {
        return 0;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        System.arraycopy(v, off, out, off, d * tasks);
        return 0;
      }
    };
  }

  /** λ·||W||₁. */
  static Penalty l1(double lambda) {
    return new Penalty() {
      public double lambda() {
        return lambda;
      }

      public double value(double[] w, int off, int d, int tasks) {
        double s = 0;
        for (int i = off; i < off + d * tasks; i++) s += Math.abs(w[i]);
        return lambda * s;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        return lambda * Prox.l1(v, step * lambda, out, off, d * tasks);
      }

      public double dualNorm(double[] g, int off, int d, int tasks) {
        double m = 0;
        for (int i = off; i < off + d * tasks; i++) m = Math.max(m, Math.abs(g[i]));
        return m;
      }
    };
  }

  /** λ·Σ_j ||W_{j,·}||₂ over feature rows (L2,1). */
  static Penalty rowGroups(double lambda) {
    return new Penalty() {
      public double lambda() {
        return lambda;
      }

      public double value(double[] w, int off, int d, int tasks) {
        double s = 0;
        for (double r : rowNorms(w, off, d, tasks)) s += r;
        return lambda * s;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        return lambda * Prox.rowGroups(v, step * lambda, out, off, d, tasks);
      }

      public double dualNorm(double[] g, int off, int d, int tasks) {
        double m = 0;
        for (double r : rowNorms(g, off, d, tasks)) m = Math.max(m, r);
        return m;
      }
    };
  }

  /** λ·Σ_t ||W_{·,t}||₂ over task columns. */
  static Penalty columnGroups(double lambda) {
    return new Penalty() {
      public double lambda() {
        return lambda;
      }

      public double value(double[] w, int off, int d, int tasks) {
        double s = 0;
        for (int t = 0; t < tasks; t++) {
          double sq = 0;
          for (int j = 0; j < d; j++) sq += w[off + t * d + j] * w[off + t * d + j];
          s += Math.sqrt(sq);
        }
        return lambda * s;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        return lambda * Prox.columnGroups(v, step * lambda, out, off, d, tasks);
      }
    };
  }

  /** λ·Σ_j max_t |W_{j,t}| (L1,∞). */
  static Penalty rowLinf(double lambda) {
    return new Penalty() {
      public double lambda() {
        return lambda;
      }

      public double value(double[] w, int off, int d, int tasks) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          double m = 0;
          for (int t = 0; t < tasks; t++) m = Math.max(m, Math.abs(w[off + t * d + j]));
          s += m;
        }
        return lambda * s;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        return lambda * Prox.rowLinf(v, step * lambda, out, off, d, tasks);
      }
    };
  }

  /** λ·||W||_* (trace norm). */
  static Penalty trace(double lambda) {
    return new Penalty() {
      public double lambda() {
        return lambda;
      }

      public double value(double[] w, int off, int d, int tasks) {
        double[] s = Linalg.svd(Arrays.copyOfRange(w, off, off + d * tasks), d, tasks).s();
        double sum = 0;
        for (double v : s) sum += v;
        return lambda * sum;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        return lambda * Prox.trace(v, step * lambda, out, off, d, tasks, null);
      }

      public double dualNorm(double[] g, int off, int d, int tasks) {
        return Linalg.svd(Arrays.copyOfRange(g, off, off + d * tasks), d, tasks).s()[0];
      }
    };
  }

  /** λ·||W||²_* (squared trace norm: MTRL with Ω eliminated). */
  static Penalty squaredTrace(double lambda) {
    return new Penalty() {
      public double lambda() {
        return lambda;
      }

      public double value(double[] w, int off, int d, int tasks) {
        double sum = 0;
        for (double v : Linalg.svd(Arrays.copyOfRange(w, off, off + d * tasks), d, tasks).s()) sum += v;
        return lambda * sum * sum;
      }

      public double prox(double[] v, double step, double[] out, int off, int d, int tasks) {
        return 2 * lambda * Prox.squaredTrace(v, 2 * step * lambda, out, off, d, tasks);
      }
    };
  }

  static double[] rowNorms(double[] w, int off, int d, int tasks) {
    double[] r = new double[d];
    for (int t = 0; t < tasks; t++) {
      for (int j = 0; j < d; j++) r[j] += w[off + t * d + j] * w[off + t * d + j];
    }
    for (int j = 0; j < d; j++) r[j] = Math.sqrt(r[j]);
    return r;
  }
}
