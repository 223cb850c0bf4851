package io.mtl4j.nn;

import io.mtl4j.autodiff.Var;
import java.util.List;

/** Up-sampling of NCHW images by an integer factor, nearest or bilinear, as a layer (no parameters). */
public record Upsample(int factor, io.mtl4j.autodiff.Upsample.Mode mode) implements Module {
  public Upsample {
    if (factor < 1) throw new IllegalArgumentException("Upsample: factor = " + factor + ", expected ≥ 1");
  }

  public Var forward(Var x) {
    return io.mtl4j.autodiff.Upsample.upsample(x, factor, mode);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of();
  }
}
