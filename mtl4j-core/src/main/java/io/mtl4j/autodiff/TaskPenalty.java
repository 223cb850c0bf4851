package io.mtl4j.autodiff;

import io.mtl4j.linalg.Linalg;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Soft-sharing penalties over T same-shaped task tensors θ_1..θ_T: the L2 tie Σ_{i<j} ‖θ_i − θ_j‖² (Duong et al.,
 * ACL 2015) and the trace norm ‖[vec θ_1 … vec θ_T]‖_* (Yang &amp; Hospedales, ICLR 2017). Scalar outputs.
 */
public final class TaskPenalty {
  /** Singular values below this fraction of the largest count as zero in the trace norm's subgradient. */
  static final double RANK_TOLERANCE = 1e-6;

  private TaskPenalty() {}

  /** Σ_{i<j} ‖θ_i − θ_j‖²; ∂/∂θ_i = 2·(T·θ_i − Σ_j θ_j). */
  public static Var l2Tie(Var... thetas) {
    int n = check("l2Tie", thetas);
    int t = thetas.length;
    double[] sum = columnSum(thetas, n);
    double total = 0;
    for (Var v : thetas) {
      Tensor tv = v.value;
      for (int k = 0; k < n; k++) {
        double x = tv.get(k);
        total += t * x * x;
      }
    }
    for (int k = 0; k < n; k++) total -= sum[k] * sum[k];
    // Σ_{i<j}‖θ_i−θ_j‖² = T·Σ_i‖θ_i‖² − ‖Σ_i θ_i‖²
    Tape tape = thetas[0].tape;
    Tensor y = tape.alloc();
    y.set(0, (float) total);
    return tape.record(y, g -> {
      float scale = 2f * g.get(0);
      for (Var v : thetas) {
        if (!v.requiresGrad) continue;
        Tensor d = tape.grad(v);
        for (int k = 0; k < n; k++) d.set(k, d.get(k) + scale * (float) (t * v.value.get(k) - sum[k]));
      }
    }, thetas);
  }

  /**
   * The nuclear norm of Θ = [vec θ_1 … vec θ_T] (n × T). From the Gram matrix ΘᵀΘ = V·S²·Vᵀ ({@link Linalg#psdSvd}):
   * ‖Θ‖_* = Σ s_r, and the subgradient U·Vᵀ = Θ·V·S⁻¹·Vᵀ over the singular values above a relative tolerance.
   */
  public static Var traceNorm(Var... thetas) {
    int n = check("traceNorm", thetas);
    int t = thetas.length;
    double[][] gram = new double[t][t];
    for (int i = 0; i < t; i++) {
      for (int j = i; j < t; j++) {
        double d = dot(thetas[i].value, thetas[j].value, n);
        gram[i][j] = d;
        gram[j][i] = d;
      }
    }
    Linalg.Eigen svd = Linalg.psdSvd(gram);
    double[] eig = svd.values();
    double[] v = svd.vectors(); // column r at [r·T, (r+1)·T)
    double top = Math.sqrt(Math.max(eig[0], 0));
    double norm = 0;
    double[][] mix = new double[t][t]; // V·S⁻¹·Vᵀ
    for (int r = 0; r < eig.length; r++) {
      double s = Math.sqrt(Math.max(eig[r], 0));
      norm += s;
      if (s <= RANK_TOLERANCE * top || s == 0) continue;
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) mix[i][j] += v[r * t + i] * v[r * t + j] / s;
      }
    }
    Tape tape = thetas[0].tape;
    Tensor y = tape.alloc();
    y.set(0, (float) norm);
    return tape.record(y, g -> {
      float scale = g.get(0);
      for (int j = 0; j < t; j++) {
        if (!thetas[j].requiresGrad) continue;
        Tensor d = tape.grad(thetas[j]);
        for (int k = 0; k < n; k++) {
          double acc = 0;
          for (int i = 0; i < t; i++) acc += thetas[i].value.get(k) * mix[i][j];
          d.set(k, d.get(k) + scale * (float) acc);
        }
      }
    }, thetas);
  }

  private static int check(String op, Var[] thetas) {
    if (thetas.length < 2) throw new IllegalArgumentException(op + ": " + thetas.length + " tensors, expected ≥ 2");
    int[] shape = thetas[0].value.shape();
    for (Var v : thetas) {
      if (!java.util.Arrays.equals(shape, v.value.shape())) {
        throw new IllegalArgumentException(op + ": shapes " + Shapes.format(shape) + " and "
            + Shapes.format(v.value.shape()) + " differ");
      }
    }
    return thetas[0].value.size();
  }

  private static double[] columnSum(Var[] thetas, int n) {
    double[] sum = new double[n];
    for (Var v : thetas) for (int k = 0; k < n; k++) sum[k] += v.value.get(k);
    return sum;
  }

  private static double dot(Tensor a, Tensor b, int n) {
    double s = 0;
    for (int k = 0; k < n; k++) s += (double) a.get(k) * b.get(k);
    return s;
  }
}
