package io.mtl4j.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a {@code float[]}, an offset into it and a row-major shape. A plain value with no autodiff;
 * views share the array.
 */
public final class Tensor {
  private final float[] data;
  private final int offset;
  private final int[] shape;
  private final int size;

  private Tensor(float[] data, int offset, int[] shape) {
    this.shape = shape.clone();
    this.size = Shapes.size(this.shape);
    if (offset < 0 || offset + size > data.length) {
      throw new IllegalArgumentException("tensor " + Shapes.format(shape) + " at offset " + offset
          + " does not fit in an array of length " + data.length);
    }
    this.data = data;
    this.offset = offset;
  }

  /** A new zero-filled tensor. */
  public static Tensor zeros(int... shape) {
    return new Tensor(new float[Shapes.size(shape)], 0, shape);
  }

  /** Wraps {@code data} (not copied) with the given shape. */
  public static Tensor of(float[] data, int... shape) {
    if (Shapes.size(shape) != data.length) {
      throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape " + Shapes.format(shape));
    }
    return new Tensor(data, 0, shape);
  }

  /** A view of {@code data} starting at {@code offset}; shares the array. */
  public static Tensor view(float[] data, int offset, int... shape) {
    return new Tensor(data, offset, shape);
  }

  /** A scalar (shape []) holding {@code value}. */
  public static Tensor scalar(float value) {
    return new Tensor(new float[] {value}, 0, new int[0]);
  }

  public float[] data() {
    return data;
  }

  public int offset() {
    return offset;
  }

  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public int dim(int axis) {
    return shape[axis < 0 ? shape.length + axis : axis];
  }

  public int size() {
    return size;
  }

  /** Number of rows when viewed as a matrix [dim0, rest]. */
  public int rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** Number of columns when viewed as a matrix [dim0, rest]. */
  public int cols() {
    return shape.length == 0 ? 1 : size / Math.max(1, shape[0]);
  }

  public float get(int flatIndex) {
    return data[offset + flatIndex];
  }

  public void set(int flatIndex, float value) {
    data[offset + flatIndex] = value;
  }

  /** Element at a multi-index. */
  public float at(int... index) {
    return data[offset + Shapes.flatIndex(shape, index)];
  }

  /** The same elements seen with another shape of equal size. */
  public Tensor reshape(int... newShape) {
    if (Shapes.size(newShape) != size) {
      throw new IllegalArgumentException("reshape: " + Shapes.format(shape) + " → " + Shapes.format(newShape)
          + ": sizes " + size + " ≠ " + Shapes.size(newShape));
    }
    return new Tensor(data, offset, newShape);
  }

  /** Rows [from, to) of the matrix view, sharing the array. */
  public Tensor rowSlice(int from, int to) {
    if (from < 0 || to > rows() || from > to) {
      throw new IllegalArgumentException("rowSlice: [" + from + ", " + to + ") outside 0.." + rows());
    }
    int[] s = shape.clone();
    s[0] = to - from;
    return new Tensor(data, offset + from * cols(), s);
  }

  /** A fresh copy with its own array. */
  public Tensor copy() {
    return new Tensor(toArray(), 0, shape);
  }

  /** The elements as a new array. */
  public float[] toArray() {
    return Arrays.copyOfRange(data, offset, offset + size);
  }

  public Tensor fill(float value) {
    Arrays.fill(data, offset, offset + size, value);
    return this;
  }

  /** Copies {@code source}'s elements (same size) into this tensor. */
  public void copyFrom(Tensor source) {
    if (source.size != size) {
      throw new IllegalArgumentException("copyFrom: " + Shapes.format(source.shape) + " into " + Shapes.format(shape));
    }
    System.arraycopy(source.data, source.offset, data, offset, size);
  }

  public boolean sameShape(Tensor other) {
    return Arrays.equals(shape, other.shape);
  }

  @Override
  public String toString() {
    int shown = Math.min(size, 8);
    StringBuilder sb = new StringBuilder("Tensor").append(Shapes.format(shape)).append(" [");
    for (int i = 0; i < shown; i++) {
      sb.append(i == 0 ? "" : ", ").append(data[offset + i]);
    }
    return sb.append(size > shown ? ", …]" : "]").toString();
  }
}
