package io.mtl4j.nn;

import io.mtl4j.autodiff.Norm;
import io.mtl4j.autodiff.Var;
import java.util.List;

/** Layer normalisation over the last axis with learned gain (init 1) and bias (init 0). */
public final class LayerNorm implements Module {
  private final ParameterBuffer.ParameterRef gain;
  private final ParameterBuffer.ParameterRef bias;
  private final float eps;

  public LayerNorm(ParameterBuffer.Builder builder, String name, int width, float eps, int owner) {
    if (!(eps > 0)) {
      throw new IllegalArgumentException("LayerNorm '" + name + "': eps = " + eps + ", expected > 0");
    }
    this.gain = builder.add(name + ".gain", Init.ONES, owner, width);
    this.bias = builder.add(name + ".bias", Init.ZEROS, owner, width);
    this.eps = eps;
  }

  public Var forward(Graph g, Var x) {
    return Norm.layerNorm(x, g.param(gain), g.param(bias), eps);
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(gain, bias);
  }
}
