package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Sums and means, over everything (→ scalar) or over one axis (that axis removed). */
public final class Reduce {
  private Reduce() {}

  public static Var sum(Var x) {
    return total(x, 1f);
  }

  public static Var mean(Var x) {
    return total(x, 1f / Math.max(1, x.value.size()));
  }

  private static Var total(Var x, float factor) {
    Tensor xv = x.value;
    float[] xd = xv.data();
    int xo = xv.offset(), n = xv.size();
    double s = 0;
    for (int i = 0; i < n; i++) s += xd[xo + i];
    Tape tape = x.tape;
    Tensor y = tape.alloc();
    y.set(0, (float) (s * factor));
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] d = dx.data();
      int o = dx.offset();
      float gv = g.get(0) * factor;
      for (int i = 0; i < n; i++) d[o + i] += gv;
    }, x);
  }

  /** Sum over {@code axis}; the result drops that axis. */
  public static Var sum(Var x, int axis) {
    return alongAxis("sum", x, axis, 1f);
  }

  /** Mean over {@code axis}; the result drops that axis. */
  public static Var mean(Var x, int axis) {
    int ax = Shapes.axis("mean", x.value, axis);
    return alongAxis("mean", x, ax, 1f / Math.max(1, x.value.dim(ax)));
  }

  private static Var alongAxis(String op, Var x, int axis, float factor) {
    Tensor xv = x.value;
    int ax = Shapes.axis(op, xv, axis);
    int[] shape = xv.shape();
    int outer = Shapes.outer(shape, ax), len = shape[ax], inner = Shapes.inner(shape, ax);
    int[] outShape = new int[shape.length - 1];
    for (int i = 0, j = 0; i < shape.length; i++) if (i != ax) outShape[j++] = shape[i];
    Tape tape = x.tape;
    Tensor y = tape.zeros(outShape);
    float[] xd = xv.data(), yd = y.data();
    int xo = xv.offset();
    for (int o = 0; o < outer; o++) {
      for (int k = 0; k < len; k++) {
        int src = xo + (o * len + k) * inner;
        for (int in = 0; in < inner; in++) yd[o * inner + in] += xd[src + in] * factor;
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), d = dx.data();
      int go = g.offset(), dof = dx.offset();
      for (int o = 0; o < outer; o++) {
        for (int k = 0; k < len; k++) {
          int dst = dof + (o * len + k) * inner;
          for (int in = 0; in < inner; in++) d[dst + in] += gd[go + o * inner + in] * factor;
        }
      }
    }, x);
  }
}
