package io.mtl4j.tensor;

import java.util.Arrays;

/** Shape arithmetic and the checks every op uses, with messages that name the op and both shapes. */
public final class Shapes {
  private Shapes() {}

  public static int size(int[] shape) {
    long n = 1;
    for (int d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + format(shape));
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + format(shape) + " has more than 2^31 elements");
    }
    return (int) n;
  }

  /** "[64,128]". */
  public static String format(int[] shape) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i == 0 ? "" : ",").append(shape[i]);
    }
    return sb.append(']').toString();
  }

  static int flatIndex(int[] shape, int[] index) {
    if (index.length != shape.length) {
      throw new IllegalArgumentException("index of rank " + index.length + " into shape " + format(shape));
    }
    int flat = 0;
    for (int i = 0; i < shape.length; i++) {
      if (index[i] < 0 || index[i] >= shape[i]) {
        throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " outside shape " + format(shape));
      }
      flat = flat * shape[i] + index[i];
    }
    return flat;
  }

  /** Requires rank 2 and returns nothing; names the op. */
  public static void requireMatrix(String op, Tensor t) {
    if (t.rank() != 2) {
      throw new IllegalArgumentException(op + ": expected a matrix [rows, cols], got " + format(t.shape()));
    }
  }

  /** Requires identical shapes. */
  public static void requireSame(String op, Tensor a, Tensor b) {
    if (!a.sameShape(b)) {
      throw new IllegalArgumentException(op + ": shapes " + format(a.shape()) + " and " + format(b.shape()) + " differ");
    }
  }

  /** "matmul: [64,128] × [64,16]: inner dims 128 ≠ 64". */
  public static void requireInner(String op, Tensor a, Tensor b, int aInner, int bInner) {
    if (aInner != bInner) {
      throw new IllegalArgumentException(op + ": " + format(a.shape()) + " × " + format(b.shape())
          + ": inner dims " + aInner + " ≠ " + bInner);
    }
  }

  /** Normalises a possibly negative axis and checks its range. */
  public static int axis(String op, Tensor t, int axis) {
    int a = axis < 0 ? t.rank() + axis : axis;
    if (a < 0 || a >= t.rank()) {
      throw new IllegalArgumentException(op + ": axis " + axis + " out of range for shape " + format(t.shape()));
    }
    return a;
  }

  /** Product of dims before {@code axis}. */
  public static int outer(int[] shape, int axis) {
    int n = 1;
    for (int i = 0; i < axis; i++) n *= shape[i];
    return n;
  }

  /** Product of dims after {@code axis}. */
  public static int inner(int[] shape, int axis) {
    int n = 1;
    for (int i = axis + 1; i < shape.length; i++) n *= shape[i];
    return n;
  }

  /**
   * Requires CSR segment offsets over {@code rows} rows (a ragged batch: segment b is rows offsets[b]..offsets[b+1]):
   * at least one entry, starting at 0, non-decreasing, ending at {@code rows}.
   */
  public static void requireSegments(String op, int[] offsets, int rows) {
    if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != rows) {
      throw new IllegalArgumentException(op + ": segment offsets must start at 0 and end at " + rows + " rows, got "
          + (offsets.length == 0 ? "none" : offsets[0] + ".." + offsets[offsets.length - 1]));
    }
    for (int b = 1; b < offsets.length; b++) {
      if (offsets[b] < offsets[b - 1]) {
        throw new IllegalArgumentException(op + ": segment offsets decrease at " + b + " (" + offsets[b - 1] + " → "
            + offsets[b] + ")");
      }
    }
  }
}
