package io.mtl4j.nn;

import io.mtl4j.autodiff.Var;
import java.util.List;

/**
 * A 2-D convolution layer over NCHW images: weight [F, C, kh, kw] initialised like PyTorch's {@code nn.Conv2d}
 * (U(±1/√(C·kh·kw)), {@link Init#LECUN_UNIFORM}), bias [F] at zero.
 */
public final class Conv2d implements Module {
  private final ParameterBuffer.ParameterRef weight;
  private final ParameterBuffer.ParameterRef bias;
  private final int stride;
  private final int padding;

  /** A square kernel; {@code init} suits the activation that follows ({@link Init#HE_UNIFORM} before ReLU). */
  public Conv2d(ParameterBuffer.Builder builder, String name, int in, int out, int kernel, int stride, int padding,
                Init init, int owner) {
    checkSizes("Conv2d", name, in, out, kernel, stride, padding);
    this.weight = builder.add(name + ".weight", init, owner, out, in, kernel, kernel);
    this.bias = builder.add(name + ".bias", Init.ZEROS, owner, out);
    this.stride = stride;
    this.padding = padding;
  }

  /** x [N, C, H, W] → [N, F, OH, OW]. */
  public Var forward(Graph g, Var x) {
    return io.mtl4j.autodiff.Conv2d.conv2d(x, g.param(weight), g.param(bias), stride, padding);
  }

  static void checkSizes(String layer, String name, int in, int out, int kernel, int stride, int padding) {
    if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0) {
      throw new IllegalArgumentException(layer + " '" + name + "': in = " + in + ", out = " + out + ", kernel = "
          + kernel + ", stride = " + stride + ", padding = " + padding
          + "; expected channels, kernel and stride ≥ 1 and padding ≥ 0");
    }
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(weight, bias);
  }
}
