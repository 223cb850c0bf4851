package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;
import java.util.Arrays;

/** Joining and cutting along an axis, reshape and 2-D transpose: data movement only. */
public final class ConcatSplit {
  private ConcatSplit() {}

  /** Concatenates along {@code axis}; all other dims must agree. */
  public static Var concat(int axis, Var... parts) {
    if (parts.length == 0) throw new IllegalArgumentException("concat: no inputs");
    Tensor first = parts[0].value;
    int ax = Shapes.axis("concat", first, axis);
    int[] shape = first.shape();
    int total = 0;
    for (Var p : parts) {
      int[] s = p.value.shape();
      int[] a = shape.clone(), b = s.clone();
      if (s.length == shape.length) {
        a[ax] = 0;
        b[ax] = 0;
      }
      if (!Arrays.equals(a, b)) {
        throw new IllegalArgumentException("concat: shapes " + Shapes.format(shape) + " and " + Shapes.format(s)
            + " differ outside axis " + ax);
      }
      total += s[ax];
    }
    int[] outShape = shape.clone();
    outShape[ax] = total;
    int width = total;
    int outer = Shapes.outer(shape, ax), inner = Shapes.inner(shape, ax);
    Tape tape = parts[0].tape;
    Tensor y = tape.alloc(outShape);
    int at = 0;
    for (Var p : parts) {
      int len = p.value.dim(ax);
      copyBlock(p.value, 0, len * inner, y, at * inner, width * inner, outer, len * inner);
      at += len;
    }
    return tape.record(y, g -> {
      int pos = 0;
      for (Var p : parts) {
        int len = p.value.dim(ax);
        if (p.requiresGrad) {
          addBlock(g, pos * inner, width * inner, tape.grad(p), 0, len * inner, outer, len * inner);
        }
        pos += len;
      }
    }, parts);
  }

  /** Elements [from, to) along {@code axis}. */
  public static Var slice(Var x, int axis, int from, int to) {
    Tensor xv = x.value;
    int ax = Shapes.axis("slice", xv, axis);
    int[] shape = xv.shape();
    if (from < 0 || to > shape[ax] || from >= to) {
      throw new IllegalArgumentException("slice: [" + from + ", " + to + ") outside axis " + ax + " of " + Shapes.format(shape));
    }
    int outer = Shapes.outer(shape, ax), inner = Shapes.inner(shape, ax), len = to - from, full = shape[ax];
    int[] outShape = shape.clone();
    outShape[ax] = len;
    Tape tape = x.tape;
    Tensor y = tape.alloc(outShape);
    copyBlock(xv, from * inner, full * inner, y, 0, len * inner, outer, len * inner);
    return tape.record(y, g -> addBlock(g, 0, len * inner, tape.grad(x), from * inner, full * inner, outer, len * inner), x);
  }

  /** Splits along {@code axis} into parts of the given sizes. */
  public static Var[] split(Var x, int axis, int... sizes) {
    Var[] out = new Var[sizes.length];
    int at = 0;
    for (int i = 0; i < sizes.length; i++) {
      out[i] = slice(x, axis, at, at + sizes[i]);
      at += sizes[i];
    }
    if (at != x.value.dim(axis)) {
      throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " sum to " + at + ", axis has "
          + x.value.dim(axis));
    }
    return out;
  }

  /** The same values with another shape of equal size. */
  public static Var reshape(Var x, int... shape) {
    Tensor y = x.value.reshape(shape);
    Tape tape = x.tape;
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] d = dx.data(), gd = g.data();
      int o = dx.offset(), go = g.offset();
      for (int i = 0, n = dx.size(); i < n; i++) d[o + i] += gd[go + i];
    }, x);
  }

  /** [m,n] → [n,m]. */
  public static Var transpose(Var x) {
    Tensor xv = x.value;
    Shapes.requireMatrix("transpose", xv);
    int m = xv.dim(0), n = xv.dim(1);
    Tape tape = x.tape;
    Tensor y = tape.alloc(n, m);
    float[] xd = xv.data(), yd = y.data();
    int xo = xv.offset();
    for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) yd[j * m + i] = xd[xo + i * n + j];
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] d = dx.data(), gd = g.data();
      int o = dx.offset(), go = g.offset();
      for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) d[o + i * n + j] += gd[go + j * m + i];
    }, x);
  }

  private static void copyBlock(Tensor src, int srcStart, int srcStride, Tensor dst, int dstStart, int dstStride,
                                int blocks, int len) {
    for (int b = 0; b < blocks; b++) {
      System.arraycopy(src.data(), src.offset() + srcStart + b * srcStride, dst.data(), dst.offset() + dstStart + b * dstStride, len);
    }
  }

  private static void addBlock(Tensor src, int srcStart, int srcStride, Tensor dst, int dstStart, int dstStride,
                               int blocks, int len) {
    float[] s = src.data(), d = dst.data();
    for (int b = 0; b < blocks; b++) {
      int so = src.offset() + srcStart + b * srcStride, dO = dst.offset() + dstStart + b * dstStride;
      for (int i = 0; i < len; i++) d[dO + i] += s[so + i];
    }
  }
}
