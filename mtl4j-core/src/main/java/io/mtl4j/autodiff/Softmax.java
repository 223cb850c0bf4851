package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Softmax and log-softmax over one axis, max-shifted for stability. */
public final class Softmax {
  private Softmax() {}

  public static Var softmax(Var x, int axis) {
    return apply("softmax", x, axis, false);
  }

  public static Var logSoftmax(Var x, int axis) {
    return apply("logSoftmax", x, axis, true);
  }

  private static Var apply(String op, Var x, int axis, boolean log) {
    Tensor xv = x.value;
    int ax = Shapes.axis(op, xv, axis);
    int[] shape = xv.shape();
    int outer = Shapes.outer(shape, ax), len = shape[ax], inner = Shapes.inner(shape, ax);
    Tape tape = x.tape;
    Tensor y = tape.alloc(shape);
    float[] xd = xv.data(), yd = y.data();
    int xo = xv.offset();
    for (int o = 0; o < outer; o++) {
      for (int in = 0; in < inner; in++) {
        int base = o * len * inner + in;
        float max = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < len; k++) max = Math.max(max, xd[xo + base + k * inner]);
        double sum = 0;
        for (int k = 0; k < len; k++) {
          float e = (float) Math.exp(xd[xo + base + k * inner] - max);
          yd[base + k * inner] = e;
          sum += e;
        }
        float logSum = (float) Math.log(sum);
        for (int k = 0; k < len; k++) {
          int i = base + k * inner;
          yd[i] = log ? xd[xo + i] - max - logSum : (float) (yd[i] / sum);
        }
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), d = dx.data();
      int go = g.offset(), dof = dx.offset();
      for (int o = 0; o < outer; o++) {
        for (int in = 0; in < inner; in++) {
          int base = o * len * inner + in;
          float dot = 0f;
          for (int k = 0; k < len; k++) {
            int i = base + k * inner;
            dot += log ? gd[go + i] : gd[go + i] * yd[i];
          }
          for (int k = 0; k < len; k++) {
            int i = base + k * inner;
            // softmax: dx = y ⊙ (dy − Σ dy⊙y); log-softmax: dx = dy − softmax · Σ dy
            d[dof + i] += log ? gd[go + i] - (float) Math.exp(yd[i]) * dot : yd[i] * (gd[go + i] - dot);
          }
        }
      }
    }, x);
  }
}
