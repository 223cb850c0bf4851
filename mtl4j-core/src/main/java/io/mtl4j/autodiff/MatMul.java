package io.mtl4j.autodiff;

import io.mtl4j.tensor.Blas;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Matrix products through {@link Blas}: plain matmul, the fused affine layer, and block-diagonal (per-expert) layers. */
public final class MatMul {
  private MatMul() {}

  /** [m,k] × [k,n] → [m,n]. */
  public static Var matmul(Var a, Var b) {
    Tensor av = a.value, bv = b.value;
    Shapes.requireMatrix("matmul", av);
    Shapes.requireMatrix("matmul", bv);
    Shapes.requireInner("matmul", av, bv, av.dim(1), bv.dim(0));
    int m = av.dim(0), k = av.dim(1), n = bv.dim(1);
    Tape tape = a.tape;
    Tensor out = tape.alloc(m, n);
    gemm(false, false, m, n, k, av, k, bv, n, 0f, out, n);
    return tape.record(out, g -> {
      if (a.requiresGrad) gemm(false, true, m, k, n, g, n, bv, n, 1f, tape.grad(a), k);   // dA = dC·Bᵀ
      if (b.requiresGrad) gemm(true, false, k, n, m, av, k, g, n, 1f, tape.grad(b), n);   // dB = Aᵀ·dC
    }, a, b);
  }

  /** The affine layer x·W + bias: x [B,in], W [in,out], bias [out] (or null) → [B,out]. */
  public static Var linear(Var x, Var w, Var bias) {
    return affine("linear", x, w, bias, false);
  }

  /**
   * relu(x·W + bias) as one op: the ReLU runs in place on the GEMM output and its mask is applied to the incoming
   * gradient on the way back, so no separate activation tensor, zero-fill or pass is needed (KernelBench).
   */
  public static Var linearRelu(Var x, Var w, Var bias) {
    return affine("linearRelu", x, w, bias, true);
  }

  private static Var affine(String op, Var x, Var w, Var bias, boolean relu) {
    Tensor xv = x.value, wv = w.value;
    Shapes.requireMatrix(op, xv);
    Shapes.requireMatrix(op, wv);
    Shapes.requireInner(op, xv, wv, xv.dim(1), wv.dim(0));
    int rows = xv.dim(0), in = xv.dim(1), out = wv.dim(1);
    checkBias(op, bias, out);
    Tape tape = x.tape;
    Tensor y = tape.alloc(rows, out);
    broadcastRows(bias, y, rows, out);
    gemm(false, false, rows, out, in, xv, in, wv, out, bias == null ? 0f : 1f, y, out);
    if (relu) Elementwise.reluInPlace(y);
    return tape.record(y, g -> {
      Tensor dz = relu ? Elementwise.reluMask(g, y, tape.alloc(rows, out)) : g;
      if (x.requiresGrad) gemm(false, true, rows, in, out, dz, out, wv, out, 1f, tape.grad(x), in);
      if (w.requiresGrad) gemm(true, false, in, out, rows, xv, in, dz, out, 1f, tape.grad(w), out);
      if (bias != null && bias.requiresGrad) addColumnSums(dz, rows, out, tape.grad(bias));
    }, inputs(x, w, bias));
  }

  /**
   * E independent affine layers on E column blocks: x [B, E·in], W [E·in, out] (block e is rows e·in..), bias
   * [E·out] → [B, E·out]. Deeper experts of a mixture run as one op instead of E slices and a concat.
   */
  public static Var blockLinear(Var x, Var w, Var bias, int blocks) {
    Tensor xv = x.value, wv = w.value;
    Shapes.requireMatrix("blockLinear", xv);
    Shapes.requireMatrix("blockLinear", wv);
    if (blocks <= 0 || xv.dim(1) % blocks != 0) {
      throw new IllegalArgumentException("blockLinear: " + xv.dim(1) + " input columns do not split into " + blocks + " blocks");
    }
    int rows = xv.dim(0), in = xv.dim(1) / blocks, out = wv.dim(1);
    Shapes.requireInner("blockLinear", xv, wv, xv.dim(1), wv.dim(0));
    checkBias("blockLinear", bias, blocks * out);
    int ldx = blocks * in, ldy = blocks * out;
    Tape tape = x.tape;
    Tensor y = tape.alloc(rows, ldy);
    broadcastRows(bias, y, rows, ldy);
    float beta = bias == null ? 0f : 1f;
    for (int e = 0; e < blocks; e++) {
      Blas.sgemm(false, false, rows, out, in, 1f, xv.data(), xv.offset() + e * in, ldx,
          wv.data(), wv.offset() + e * in * out, out, beta, y.data(), y.offset() + e * out, ldy);
    }
    return tape.record(y, g -> {
      for (int e = 0; e < blocks; e++) {
        if (x.requiresGrad) {
          Tensor dx = tape.grad(x);
          Blas.sgemm(false, true, rows, in, out, 1f, g.data(), g.offset() + e * out, ldy,
              wv.data(), wv.offset() + e * in * out, out, 1f, dx.data(), dx.offset() + e * in, ldx);
        }
        if (w.requiresGrad) {
          Tensor dw = tape.grad(w);
          Blas.sgemm(true, false, in, out, rows, 1f, xv.data(), xv.offset() + e * in, ldx,
              g.data(), g.offset() + e * out, ldy, 1f, dw.data(), dw.offset() + e * in * out, out);
        }
      }
      if (bias != null && bias.requiresGrad) addColumnSums(g, rows, ldy, tape.grad(bias));
    }, inputs(x, w, bias));
  }

  private static void checkBias(String op, Var bias, int width) {
    if (bias != null && bias.value.size() != width) {
      throw new IllegalArgumentException(op + ": bias " + Shapes.format(bias.value.shape()) + " does not match "
          + width + " output columns");
    }
  }

  private static Var[] inputs(Var x, Var w, Var bias) {
    return bias == null ? new Var[] {x, w} : new Var[] {x, w, bias};
  }

  private static void broadcastRows(Var bias, Tensor y, int rows, int cols) {
    if (bias == null) return;
    float[] b = bias.value.data(), yd = y.data();
    int bo = bias.value.offset(), yo = y.offset();
    for (int r = 0; r < rows; r++) {
      System.arraycopy(b, bo, yd, yo + r * cols, cols);
    }
  }

  static void addColumnSums(Tensor g, int rows, int cols, Tensor target) {
    float[] gd = g.data(), t = target.data();
    int go = g.offset(), to = target.offset();
    for (int r = 0; r < rows; r++) Mixture.axpy(1f, gd, go + r * cols, t, to, cols);
  }

  private static void gemm(boolean ta, boolean tb, int m, int n, int k, Tensor a, int lda, Tensor b, int ldb,
                           float beta, Tensor c, int ldc) {
    Blas.sgemm(ta, tb, m, n, k, 1f, a.data(), a.offset(), lda, b.data(), b.offset(), ldb, beta, c.data(), c.offset(), ldc);
  }
}
