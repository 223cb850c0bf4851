package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * A gated mixture over several expert groups, each its own [B, E_g·H] matrix (as each group's GEMM produced it):
 * out[b,:] = Σ_g Σ_e gate[b, o_g + e] · group_g[b, e, :], where the gate's columns follow the groups in order. One op, so
 * PLE's gates never concatenate the groups' outputs (forward or backward).
 */
public final class GroupMixture {
  private GroupMixture() {}

  /** gates [B, Σ E_g], groups [B, E_g·H] → [B, H]. */
  public static Var mix(Var gates, Var... groups) {
    Tensor gv = gates.value;
    Shapes.requireMatrix("groupMixture", gv);
    int b = gv.dim(0), width = gv.dim(1);
    int[] counts = new int[groups.length];
    for (int i = 0; i < groups.length; i++) {
      Tensor xv = groups[i].value;
      Shapes.requireMatrix("groupMixture", xv);
      if (xv.dim(0) != b) throw new IllegalArgumentException("groupMixture: group " + i + " has " + xv.dim(0) + " rows, gates " + b);
    }
    // H is fixed by the gate width: Σ_g cols_g = H · Σ_g E_g = H · width.
    int cols = 0;
    for (Var x : groups) cols += x.value.dim(1);
    if (width == 0 || cols % width != 0) {
      throw new IllegalArgumentException("groupMixture: groups with " + cols + " columns in all do not match " + width + " gates");
    }
    int h = cols / width;
    for (int i = 0; i < groups.length; i++) {
      int c = groups[i].value.dim(1);
      if (c % h != 0) throw new IllegalArgumentException("groupMixture: group " + i + " width " + c + " is not a multiple of " + h);
      counts[i] = c / h;
    }
    Tape tape = gates.tape;
    Tensor y = tape.zeros(b, h);
    float[] g = gv.data(), yd = y.data();
    int go = gv.offset();
    for (int i = 0, off = 0; i < groups.length; off += counts[i], i++) {
      float[] x = groups[i].value.data();
      int xo = groups[i].value.offset(), e = counts[i];
      for (int r = 0; r < b; r++) {
        int yr = r * h;
        for (int k = 0; k < e; k++) {
          float w = g[go + r * width + off + k];
          int xr = xo + (r * e + k) * h;
          Mixture.axpy(w, x, xr, yd, yr, h);
        }
      }
    }
    Var[] inputs = new Var[groups.length + 1];
    inputs[0] = gates;
    System.arraycopy(groups, 0, inputs, 1, groups.length);
    return tape.record(y, dy -> backward(tape, dy, gates, groups, counts, b, width, h), inputs);
  }

  private static void backward(Tape tape, Tensor dy, Var gates, Var[] groups, int[] counts, int b, int width, int h) {
    float[] d = dy.data(), g = gates.value.data();
    int dof = dy.offset(), go = gates.value.offset();
    Tensor dg = gates.requiresGrad ? tape.grad(gates) : null;
    for (int i = 0, off = 0; i < groups.length; off += counts[i], i++) {
      Var group = groups[i];
      float[] x = group.value.data();
      int xo = group.value.offset(), e = counts[i];
      Tensor dx = group.requiresGrad ? tape.grad(group) : null;
      for (int r = 0; r < b; r++) {
        int yr = dof + r * h;
        for (int k = 0; k < e; k++) {
          int xr = xo + (r * e + k) * h;
          if (dx != null) {
            float w = g[go + r * width + off + k];
            float[] dxd = dx.data();
            int dr = dx.offset() + (r * e + k) * h;
            Mixture.axpy(w, d, yr, dxd, dr, h);
          }
          if (dg != null) dg.data()[dg.offset() + r * width + off + k] += Mixture.dot(x, xr, d, yr, h);
        }
      }
    }
  }

}
