package io.mtl4j.onnx;

import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.encode.EncoderSpec;

/**
 * {@code DenseEncoder}, the identity: with the group's preprocessing its raw columns come in as one double input and
 * are scaled and one-hot encoded in the graph ({@link InputExport#group}); without, the input is the encoded values.
 */
final class DenseGroupExport implements EncoderExport {
  @Override
  public String[] inputs(Layers net, EncoderSpec spec, GroupedFeatures.Group fitted, boolean bag) {
    if (fitted instanceof GroupedFeatures.Dense d) return new String[] {InputExport.group(net, spec.group(), d.encoders())};
    return new String[] {net.graph().input(spec.group(), OnnxGraph.FLOAT, spec.outputSize())};
  }

  @Override
  public String encode(Layers net, EncoderSpec spec, String prefix, String[] inputs) {
    return inputs[0];
  }
}
