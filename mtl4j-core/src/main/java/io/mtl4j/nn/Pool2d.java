package io.mtl4j.nn;

import io.mtl4j.autodiff.Var;
import java.util.List;

/** Max or average pooling over k×k windows of NCHW images, as a layer (no parameters). */
public record Pool2d(Kind kind, int kernel, int stride) implements Module {
  public enum Kind { MAX, AVERAGE }

  public Pool2d {
    if (kernel <= 0 || stride <= 0) {
      throw new IllegalArgumentException("Pool2d: kernel = " + kernel + ", stride = " + stride + ", expected ≥ 1");
    }
  }

  /** PyTorch's {@code MaxPool2d(k)}: stride = kernel. */
  public static Pool2d max(int kernel) {
    return new Pool2d(Kind.MAX, kernel, kernel);
  }

  /** PyTorch's {@code AvgPool2d(k)}: stride = kernel. */
  public static Pool2d average(int kernel) {
    return new Pool2d(Kind.AVERAGE, kernel, kernel);
  }

  public Var forward(Var x) {
    return kind == Kind.MAX
        ? io.mtl4j.autodiff.Pool2d.max(x, kernel, stride)
        : io.mtl4j.autodiff.Pool2d.average(x, kernel, stride);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of();
  }
}
