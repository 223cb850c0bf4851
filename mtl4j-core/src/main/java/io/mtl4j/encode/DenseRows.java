package io.mtl4j.encode;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** A dense numeric group: values [N, d]. */
public record DenseRows(Tensor values) implements GroupRows {
  public DenseRows {
    Shapes.requireMatrix("dense group", values);
  }

  @Override
  public int rows() {
    return values.rows();
  }

  public int width() {
    return values.cols();
  }

  @Override
  public DenseRows gather(int[] order, int from, int to) {
    return new DenseRows(gatherRows(values, order, from, to));
  }

  @Override
  public DenseRows slice(int from, int to) {
    return new DenseRows(values.rowSlice(from, to));
  }

  /** Rows {@code order[from..to)} of a matrix copied into a new one (also used by {@link ImageRows}). */
  static Tensor gatherRows(Tensor src, int[] order, int from, int to) {
    int w = src.cols();
    Tensor dst = Tensor.zeros(to - from, w);
    for (int i = from; i < to; i++) {
      System.arraycopy(src.data(), src.offset() + order[i] * w, dst.data(), (i - from) * w, w);
    }
    return dst;
  }
}
