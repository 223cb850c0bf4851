package io.mtl4j.nn;

import io.mtl4j.autodiff.Var;
import java.util.List;

/** A transposed 2-D convolution layer (learned up-sampling): weight [Cin, Cout, k, k], bias [Cout] at zero. */
public final class ConvTranspose2d implements Module {
  private final ParameterBuffer.ParameterRef weight;
  private final ParameterBuffer.ParameterRef bias;
  private final int stride;
  private final int padding;

  public ConvTranspose2d(ParameterBuffer.Builder builder, String name, int in, int out, int kernel, int stride,
                         int padding, Init init, int owner) {
    Conv2d.checkSizes("ConvTranspose2d", name, in, out, kernel, stride, padding);
    this.weight = builder.add(name + ".weight", init, owner, in, out, kernel, kernel);
    this.bias = builder.add(name + ".bias", Init.ZEROS, owner, out);
    this.stride = stride;
    this.padding = padding;
  }

  /** x [N, Cin, H, W] → [N, Cout, (H − 1)·stride − 2·padding + k, …]. */
  public Var forward(Graph g, Var x) {
    return io.mtl4j.autodiff.ConvTranspose2d.convTranspose2d(x, g.param(weight), g.param(bias), stride, padding);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(weight, bias);
  }
}
