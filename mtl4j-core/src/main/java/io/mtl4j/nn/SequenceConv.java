package io.mtl4j.nn;

import io.mtl4j.autodiff.Conv1d;
import io.mtl4j.autodiff.Var;
import java.util.List;

/**
 * A 1-D convolution layer over ragged token sequences (the text CNN of Kim 2014): kernel [width·in, out] and bias
 * [out], "same" padding, rows and CSR offsets as {@link Conv1d} describes. A text encoder stacks it on an embedding
 * lookup and pools with {@link io.mtl4j.autodiff.SegmentMax}.
 */
public final class SequenceConv implements Module {
  private final ParameterBuffer.ParameterRef kernel;
  private final ParameterBuffer.ParameterRef bias;
  private final int out;

  /** @param init the kernel's initialiser, read with fan-in width·in (He for ReLU layers) */
  public SequenceConv(ParameterBuffer.Builder builder, String name, int in, int out, int width, Init init, int owner) {
    if (in <= 0 || out <= 0 || width <= 0) {
      throw new IllegalArgumentException("SequenceConv '" + name + "': in = " + in + ", out = " + out + ", width = "
          + width + ", expected sizes > 0");
    }
    this.out = out;
    this.kernel = builder.add(name + ".kernel", init, owner, width * in, out);
    this.bias = builder.add(name + ".bias", Init.ZEROS, owner, out);
  }

  /** x [N, in] with offsets [B + 1] → activation(conv) [N, out]. */
  public Var forward(Graph g, Var x, int[] offsets, Activation activation) {
    return activation.apply(Conv1d.conv(x, offsets, g.param(kernel), g.param(bias)));
  }

  public int out() {
    return out;
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    return List.of(kernel, bias);
  }
}
