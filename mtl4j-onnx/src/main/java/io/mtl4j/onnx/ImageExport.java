package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;
import static io.mtl4j.onnx.OnnxGraph.ints;

import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.nn.BatchNorm2d;
import java.util.List;

/**
 * {@code ImageEncoder}: input float [rows, C, H, W] (NCHW, the pixels as mtl4j reads them). Each layer is a
 * {@code Conv}, a {@code BatchNormalization} in inference mode (the saved running mean and variance), ReLU and, when
 * the layer pools, a k×k {@code MaxPool} of stride k (floor, as Pool2d drops trailing rows); then the final map is
 * flattened in C, h, w order or averaged per channel.
 */
final class ImageExport implements EncoderExport {
  @Override
  public String[] inputs(Layers net, EncoderSpec spec, GroupedFeatures.Group fitted, boolean bag) {
    ImageEncoder.Spec s = (ImageEncoder.Spec) spec;
    return new String[] {net.graph().input(spec.group(), OnnxGraph.FLOAT,
        List.of(OnnxGraph.ROWS, s.channels(), s.height(), s.width()))};
  }

  @Override
  public String encode(Layers net, EncoderSpec spec, String prefix, String[] inputs) {
    ImageEncoder.Spec s = (ImageEncoder.Spec) spec;
    OnnxGraph g = net.graph();
    String x = inputs[0];
    for (int i = 0; i < s.layers().size(); i++) {
      ImageEncoder.Layer l = s.layers().get(i);
      String conv = prefix + ".conv" + i;
      x = g.op("Conv", new String[] {x, net.param(conv + ".weight"), net.param(conv + ".bias")},
          ints("kernel_shape", l.kernel(), l.kernel()), ints("strides", l.stride(), l.stride()),
          ints("pads", l.padding(), l.padding(), l.padding(), l.padding()));
      if (l.batchNorm()) {
        String norm = prefix + ".norm" + i;
        x = g.op("BatchNormalization", new String[] {x, net.param(norm + ".gain"), net.param(norm + ".bias"),
            net.param(norm + ".running_mean"), net.param(norm + ".running_var")},
            OnnxGraph.floatAttr("epsilon", BatchNorm2d.DEFAULT_EPS));
      }
      x = g.op("Relu", x);
      if (l.pool() > 1) x = g.op("MaxPool", x, ints("kernel_shape", l.pool(), l.pool()), ints("strides", l.pool(), l.pool()));
    }
    if (s.globalAverage()) return g.op("ReduceMean", x, ints("axes", 2, 3), attr("keepdims", 0));
    return g.op("Flatten", x, attr("axis", 1));
  }
}
