package io.mtl4j.nn;

import io.mtl4j.autodiff.MatMul;
import io.mtl4j.autodiff.Var;
import java.util.List;

/** Affine layer y = x·W + b, W [in, out]. */
public final class Linear implements Module {
  private final ParameterBuffer.ParameterRef weight;
  private final ParameterBuffer.ParameterRef bias;
  private final int in;
  private final int out;

  public Linear(ParameterBuffer.Builder builder, String name, int in, int out, Init init, int owner) {
    if (in <= 0 || out <= 0) {
      throw new IllegalArgumentException("Linear '" + name + "': in = " + in + ", out = " + out + ", expected sizes > 0");
    }
    this.in = in;
    this.out = out;
    this.weight = builder.add(name + ".weight", init, owner, in, out);
    this.bias = builder.add(name + ".bias", Init.ZEROS, owner, out);
  }

  public Var forward(Graph g, Var x) {
    return MatMul.linear(x, g.param(weight), g.param(bias));
  }

  /** activation(x·W + b); ReLU runs fused into the layer ({@link MatMul#linearRelu}). */
  public Var forward(Graph g, Var x, Activation activation) {
    return activation == Activation.RELU
        ? MatMul.linearRelu(x, g.param(weight), g.param(bias))
        : activation.apply(forward(g, x));
  }

  public int in() {
    return in;
  }

  public int out() {
    return out;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(weight, bias);
  }
}
