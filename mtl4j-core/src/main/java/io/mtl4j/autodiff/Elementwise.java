package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Element-wise functions and arithmetic; a second operand may be a row vector broadcast over rows. */
public final class Elementwise {
  private Elementwise() {}

  /** Derivative of an element-wise function from its input x and output y. */
  private interface Derivative {
    float at(float x, float y);
  }

  private interface Function {
    float at(float x);
  }

  public static Var relu(Var x) {
    Tape tape = x.tape;
    Tensor y = tape.alloc(x.value.shape());
    y.copyFrom(x.value);
    reluInPlace(y);
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), yd = y.data(), d = dx.data();
      int go = g.offset(), yo = y.offset(), o = dx.offset();
      for (int i = 0, n = y.size(); i < n; i++) d[o + i] += masked(gd[go + i], yd[yo + i]);
    }, x);
  }

  /** max(y, 0) in place; Math.max is an intrinsic that vectorises. */
  static void reluInPlace(Tensor y) {
    float[] d = y.data();
    for (int i = y.offset(), end = y.offset() + y.size(); i < end; i++) d[i] = Math.max(d[i], 0f);
  }

  /** out = g where the ReLU output y is positive, else 0; returns out. */
  static Tensor reluMask(Tensor g, Tensor y, Tensor out) {
    float[] gd = g.data(), yd = y.data(), od = out.data();
    int go = g.offset(), yo = y.offset(), oo = out.offset();
    if (VectorKernels.AVAILABLE) {
      VectorKernels.reluMask(gd, go, yd, yo, od, oo, y.size());
      return out;
    }
    for (int i = 0, n = y.size(); i < n; i++) od[oo + i] = masked(gd[go + i], yd[yo + i]);
    return out;
  }

  /**
   * g if y > 0 else 0, for y ≥ +0 (a ReLU output): (bits(y) − 1) >> 31 is all ones exactly when y == 0, so an integer
   * mask keeps loops branch-free and vectorised. C2 compiles {@code y > 0 ? g : 0} to a branch that mispredicts on
   * half the elements: 10× slower on W1's [1024, 512] expert activations (see KernelBench).
   */
  private static float masked(float g, float y) {
    int zero = (Float.floatToRawIntBits(y) - 1) >> 31;
    return Float.intBitsToFloat(Float.floatToRawIntBits(g) & ~zero);
  }

  public static Var sigmoid(Var x) {
    return unary(x, Elementwise::sigmoid, (in, out) -> out * (1f - out));
  }

  public static Var tanh(Var x) {
    return unary(x, v -> (float) Math.tanh(v), (in, out) -> 1f - out * out);
  }

  public static Var exp(Var x) {
    return unary(x, v -> (float) Math.exp(v), (in, out) -> out);
  }

  public static Var log(Var x) {
    return unary(x, v -> (float) Math.log(v), (in, out) -> 1f / in);
  }

  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

  /** GELU with the tanh approximation (Hendrycks & Gimpel 2016; PyTorch's {@code approximate="tanh"}). */
  public static Var gelu(Var x) {
    return unary(x, v -> 0.5f * v * (1f + (float) Math.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v))), (v, out) -> {
      float t = (float) Math.tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v));
      return 0.5f * (1f + t) + 0.5f * v * (1f - t * t) * SQRT_2_OVER_PI * (1f + 3f * 0.044715f * v * v);
    });
  }

  /** Numerically stable logistic function. */
  public static float sigmoid(float v) {
    if (v >= 0) {
      return 1f / (1f + (float) Math.exp(-v));
    }
    float e = (float) Math.exp(v);
    return e / (1f + e);
  }

  public static Var scale(Var x, float factor) {
    return unary(x, v -> v * factor, (in, out) -> factor);
  }

  private static Var unary(Var x, Function f, Derivative df) {
    Tape tape = x.tape;
    Tensor xv = x.value, y = tape.alloc(xv.shape());
    float[] xd = xv.data(), yd = y.data();
    int xo = xv.offset(), n = xv.size();
    for (int i = 0; i < n; i++) yd[i] = f.at(xd[xo + i]);
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), d = dx.data();
      int go = g.offset(), o = dx.offset();
      for (int i = 0; i < n; i++) d[o + i] += gd[go + i] * df.at(xd[xo + i], yd[i]);
    }, x);
  }

  /** a + b; b has a's shape or is a row vector of a's column count. */
  public static Var add(Var a, Var b) {
    return binary("add", a, b, false);
  }

  /** a − b, broadcasting like {@link #add}. */
  public static Var sub(Var a, Var b) {
    return Elementwise.add(a, scale(b, -1f));
  }

  /** a ⊙ b, broadcasting like {@link #add}. */
  public static Var mul(Var a, Var b) {
    return binary("mul", a, b, true);
  }

  private static Var binary(String op, Var a, Var b, boolean multiply) {
    Tensor av = a.value, bv = b.value;
    int n = av.size(), period = broadcastPeriod(op, av, bv);
    Tape tape = a.tape;
    Tensor y = tape.alloc(av.shape());
    float[] ad = av.data(), bd = bv.data(), yd = y.data();
    int ao = av.offset(), bo = bv.offset();
    for (int i = 0; i < n; i++) {
      float u = ad[ao + i], v = bd[bo + i % period];
      yd[i] = multiply ? u * v : u + v;
    }
    return tape.record(y, g -> {
      float[] gd = g.data();
      int go = g.offset();
      if (a.requiresGrad) {
        Tensor da = tape.grad(a);
        float[] d = da.data();
        int o = da.offset();
        for (int i = 0; i < n; i++) d[o + i] += multiply ? gd[go + i] * bd[bo + i % period] : gd[go + i];
      }
      if (b.requiresGrad) {
        Tensor db = tape.grad(b);
        float[] d = db.data();
        int o = db.offset();
        for (int i = 0; i < n; i++) d[o + i % period] += multiply ? gd[go + i] * ad[ao + i] : gd[go + i];
      }
    }, a, b);
  }

  private static int broadcastPeriod(String op, Tensor a, Tensor b) {
    if (a.sameShape(b)) return a.size();
    if (a.rank() >= 1 && b.size() == a.cols() && (b.rank() == 1 || (b.rank() == 2 && b.dim(0) == 1))) {
      return b.size();
    }
    throw new IllegalArgumentException(op + ": shapes " + Shapes.format(a.shape()) + " and " + Shapes.format(b.shape())
        + " differ and the second is not a row vector of " + a.cols() + " columns");
  }
}
