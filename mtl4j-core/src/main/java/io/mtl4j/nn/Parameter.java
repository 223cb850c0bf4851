package io.mtl4j.nn;

import io.mtl4j.tensor.Shapes;

/**
 * A named view (offset, shape) into a {@link ParameterBuffer}.
 *
 * @param owner the task that owns it, or {@link #SHARED} for parameters every task uses
 */
public record Parameter(String name, int offset, int[] shape, int owner) {
  public static final int SHARED = -1;

  public int size() {
    return Shapes.size(shape);
  }

  public boolean shared() {
    return owner == SHARED;
  }

  @Override
  public String toString() {
    return name + Shapes.format(shape) + (shared() ? " shared" : " task " + owner);
  }
}
