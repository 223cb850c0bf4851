package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Gated mixture of experts: out[b,:] = Σ_e gate[b,e] · expert[b,e,:], with all E experts' outputs side by side in one
 * matrix [B, E·H] (as one GEMM produced them). Fused so the hot path never materialises E slices.
 */
public final class Mixture {
  private Mixture() {}

  /** y[yo + j] += a·x[xo + j]; SIMD when the Vector API is present. */
  static void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
    if (VectorKernels.AVAILABLE) {
      VectorKernels.axpy(a, x, xo, y, yo, n);
    } else {
      for (int j = 0; j < n; j++) y[yo + j] += a * x[xo + j];
    }
  }

  /** Dot product: SIMD when the Vector API is present, else four scalar accumulators (breaking the add chain). */
  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    if (VectorKernels.AVAILABLE) return VectorKernels.dot(a, ao, b, bo, n);
    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += a[ao + j] * b[bo + j];
      s1 += a[ao + j + 1] * b[bo + j + 1];
      s2 += a[ao + j + 2] * b[bo + j + 2];
      s3 += a[ao + j + 3] * b[bo + j + 3];
    }
    for (; j < n; j++) s0 += a[ao + j] * b[bo + j];
    return (s0 + s1) + (s2 + s3);
  }

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
        axpy(w, x, xr, yd, yr, h);
      }
    }
    return tape.record(y, dy -> {
      float[] d = dy.data();
      int dof = dy.offset();
      Tensor dx = experts.requiresGrad ? tape.grad(experts) : null;
      Tensor dg = gates.requiresGrad ? tape.grad(gates) : null;
      // Row by row: both gradients use the row's experts [E·H] while it is in L1, one pass over memory.
      for (int r = 0; r < b; r++) {
        int yr = dof + r * h;
        if (dx != null) {
          float[] dxd = dx.data();
          for (int k = 0; k < e; k++) {
            float w = g[go + r * e + k];
            int xr = dx.offset() + (r * e + k) * h;
            axpy(w, d, yr, dxd, xr, h);
          }
        }
        if (dg != null) {
          float[] dgd = dg.data();
          for (int k = 0; k < e; k++) dgd[dg.offset() + r * e + k] += dot(x, xo + (r * e + k) * h, d, yr, h);
        }
      }
    }, experts, gates);
  }
}
