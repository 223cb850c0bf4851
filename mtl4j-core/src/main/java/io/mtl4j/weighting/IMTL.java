package io.mtl4j.weighting;

import io.mtl4j.linalg.Linalg;
import io.mtl4j.weighting.solver.Gram;

import java.util.Map;

/** Impartial multi-task learning (Liu et al., "Towards Impartial Multi-task Learning", ICLR 2021), IMTL-G with IMTL-L scales. */
public final class IMTL implements Weighting {
  /** Loss scales s_t (IMTL-L): losses become e^{s_t}·L_t − s_t; LibMTL starts them at 0. */
  private LearnableParameters scale;

  @Override
  public Requirements requirements() { return Requirements.INNER_PRODUCTS; }

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
      ds[t] = headScale[t] * losses[t] - 1.0;
    }
    s.setGradient(ds);
    // The scaled gradients e^{s_t}·g_t are never formed: their Gram matrix is h_i h_j (g_i·g_j).
    double[][] gram = Gram.of(g);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        gram[i][j] *= headScale[i] * headScale[j];
      }
    }
    double[] alpha = impartialWeights(gram);
    double[] coefficients = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      coefficients[t] = alpha[t] * headScale[t];
    }
    Gram.combine(coefficients, g, ctx.sharedGradient());
    return new StepWeights(headScale, alpha);
  }

  /**
   * IMTL-G (Eq. 8) from the Gram matrix M of the (scaled) gradients: with D rows g_0 − g_t and U rows u_0 − u_t
   * (u unit gradients), t = 1..T−1, α_{1..T−1} = g_0 Uᵀ (D Uᵀ)⁻¹ and α_0 = 1 − Σ α_t. Every product expands in M:
   * g_a·u_b = M_ab/‖g_b‖ with ‖g_b‖ = √M_bb.
   */
  static double[] impartialWeights(double[][] gram) {
    int tasks = gram.length;
    int n = tasks - 1;
    double[] norm = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      norm[t] = Math.sqrt(gram[t][t]);
    }
    double[][] dut = new double[n][n];
    double[] g0u = new double[n];
    for (int i = 0; i < n; i++) {
      g0u[i] = gram[0][0] / norm[0] - gram[0][i + 1] / norm[i + 1];
      for (int j = 0; j < n; j++) {
        // (g_0 − g_{i+1})·(u_0 − u_{j+1})
        double du = gram[0][0] / norm[0] - gram[0][j + 1] / norm[j + 1]
            - gram[i + 1][0] / norm[0] + gram[i + 1][j + 1] / norm[j + 1];
        dut[i][j] = du;
      }
    }
    double[] alpha = new double[tasks];
    if (n > 0) {
      double[][] inverse = Linalg.inverse(dut);
      double sum = 0.0;
      for (int j = 0; j < n; j++) {
        double a = 0.0;
        for (int i = 0; i < n; i++) {
          a += g0u[i] * inverse[i][j];
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
