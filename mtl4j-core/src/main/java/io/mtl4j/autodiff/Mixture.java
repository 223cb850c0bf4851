package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Gated mixture of experts: out[b,:] = Σ_e gate[b,e] · expert[b,e,:], with all E experts' outputs side by side in one
 * matrix [B, E·H] (as one GEMM produced them). Fused so the hot path never materialises E slices.
 */
public final class Mixture {
  private Mixture() {}

  /** experts [B, E·H], gates [B, E] → [B, H]. */
  public static Var mix(Var experts, Var gates) {
    Tensor xv = experts.value, gv = gates.value;
    Shapes.requireMatrix("mixture", xv);
    Shapes.requireMatrix("mixture", gv);
    int b = xv.dim(0), e = gv.dim(1);
    if (gv.dim(0) != b || e == 0 || xv.dim(1) % e != 0) {
      throw new IllegalArgumentException("mixture: experts " + Shapes.format(xv.shape()) + " and gates "
          + Shapes.format(gv.shape()) + ": need [B, E·H] and [B, E]");
    }
    int h = xv.dim(1) / e;
    Tape tape = experts.tape;
    Tensor y = tape.zeros(b, h);
    float[] x = xv.data(), g = gv.data(), yd = y.data();
    int xo = xv.offset(), go = gv.offset();
    for (int r = 0; r < b; r++) {
      int yr = r * h;
      for (int k = 0; k < e; k++) {
        float w = g[go + r * e + k];
        int xr = xo + (r * e + k) * h;
        for (int j = 0; j < h; j++) yd[yr + j] += w * x[xr + j];
      }
    }
    return tape.record(y, dy -> {
      float[] d = dy.data();
      int dof = dy.offset();
      if (experts.requiresGrad) {
        Tensor dx = tape.grad(experts);
        float[] dxd = dx.data();
        int o = dx.offset();
        for (int r = 0; r < b; r++) {
          for (int k = 0; k < e; k++) {
            float w = g[go + r * e + k];
            int xr = o + (r * e + k) * h, yr = dof + r * h;
            for (int j = 0; j < h; j++) dxd[xr + j] += w * d[yr + j];
          }
        }
      }
      if (gates.requiresGrad) {
        Tensor dg = tape.grad(gates);
        float[] dgd = dg.data();
        int o = dg.offset();
        for (int r = 0; r < b; r++) {
          int yr = dof + r * h;
          for (int k = 0; k < e; k++) {
            int xr = xo + (r * e + k) * h;
            float s = 0f;
            for (int j = 0; j < h; j++) s += x[xr + j] * d[yr + j];
            dgd[o + r * e + k] += s;
          }
        }
      }
    }, experts, gates);
  }
}
