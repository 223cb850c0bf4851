package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

import java.util.Map;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/** Impartial multi-task learning (Liu et al., "Towards Impartial Multi-task Learning", ICLR 2021), IMTL-G with IMTL-L scales. */
public final class IMTL implements Weighting {
  /** Loss scales s_t (IMTL-L): losses become e^{s_t}·L_t − s_t; LibMTL starts them at 0. */
  private LearnableParameters scale;

  @Override
  public Needs needs() {
    return Needs.SHARED_PARAM_GRADS;
  }

  @Override
  public boolean innerProductsOnly() {
    return true;
  }

  @Override
  public LearnableParameters learnable(int tasks) {
    if (scale == null) {
      scale = new LearnableParameters(new double[tasks]);
    }
    return scale;
  }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    LearnableParameters s = learnable(tasks);
    double[] losses = ctx.losses();
    double[][] g = ctx.taskGradients();
    double[] headScale = new double[tasks];
    double[] ds = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      headScale[t] = Math.exp(s.values()[t]);
      for (int k = 0; k < g[t].length; k++) {
        g[t][k] *= headScale[t];
      }
      ds[t] = headScale[t] * losses[t] - 1.0;
    }
    s.setGradient(ds);
    double[] alpha = impartialWeights(g);
    Gram.combine(alpha, g, ctx.sharedGradient());
    double[] m = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      m[t] = headScale[t];
    }
    return new StepWeights(m, alpha);
  }

  /**
   * IMTL-G (Eq. 8): with D rows g_0 − g_t and U rows u_0 − u_t (u unit gradients), t = 1..T−1,
   * α_{1..T−1} = g_0 Uᵀ (D Uᵀ)⁻¹ and α_0 = 1 − Σ α_t.
   */
  static double[] impartialWeights(double[][] g) {
    int tasks = g.length;
    int n = tasks - 1;
    double[][] unit = new double[tasks][];
    for (int t = 0; t < tasks; t++) {
      double norm = Vectors.norm(g[t]);
      unit[t] = g[t].clone();
      for (int k = 0; k < unit[t].length; k++) {
        unit[t][k] /= norm;
      }
    }
    double[][] d = new double[n][];
    double[][] u = new double[n][];
    for (int t = 1; t < tasks; t++) {
      d[t - 1] = difference(g[0], g[t]);
      u[t - 1] = difference(unit[0], unit[t]);
    }
    R064Store dut = R064Store.FACTORY.make(n, n);
    double[] g0u = new double[n];
    for (int i = 0; i < n; i++) {
      g0u[i] = Vectors.dot(g[0], u[i]);
      for (int j = 0; j < n; j++) {
        dut.set(i, j, Vectors.dot(d[i], u[j]));
      }
    }
    double[] alpha = new double[tasks];
    if (n > 0) {
      LU<Double> lu = LU.R064.make(dut);
      lu.decompose(dut);
      MatrixStore<Double> inverse = lu.getInverse();
      double sum = 0.0;
      for (int j = 0; j < n; j++) {
        double a = 0.0;
        for (int i = 0; i < n; i++) {
          a += g0u[i] * inverse.doubleValue(i, j);
        }
        alpha[j + 1] = a;
        sum += a;
      }
      alpha[0] = 1.0 - sum;
    } else {
      alpha[0] = 1.0;
    }
    return alpha;
  }

  private static double[] difference(double[] a, double[] b) {
    double[] c = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i] - b[i];
    }
    return c;
  }

  @Override
  public Map<String, double[]> state() {
    return scale == null ? Map.of() : Map.of("loss_scale", scale.values().clone());
  }

  @Override
  public void restoreState(Map<String, double[]> state) {
    double[] v = state.get("loss_scale");
    if (v != null) learnable(v.length).setValues(v);
  }
}
