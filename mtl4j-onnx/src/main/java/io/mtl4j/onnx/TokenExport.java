package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.ints;

import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.TokenEncoder;
import io.mtl4j.nn.Parameter;
import java.util.List;

/**
 * {@code TokenEncoder}: input int64 [rows, L], each row's token ids padded with −1 to L ({@link PaddedIds}). Mean and
 * max pooling gather the rows and pool over the ids; conv pooling runs one {@code Conv} over the padded sequence (the
 * zeroed padding is the zero padding {@code autodiff.Conv1d} reads past a sequence's end), ReLU, then max over the
 * sequence's positions. A bag (weighted ids) has a second input, {@code <group>.weights} float [rows, L], and pools
 * Σ weight·row.
 */
final class TokenExport implements EncoderExport {
  static final String TOKENS = "tokens";
  static final String WEIGHTS = ".weights";

  @Override
  public String[] inputs(Layers net, EncoderSpec spec, GroupedFeatures.Group fitted, boolean bag) {
    OnnxGraph g = net.graph();
    String ids = g.input(spec.group(), OnnxGraph.INT64, List.of(OnnxGraph.ROWS, TOKENS));
    if (!bag) return new String[] {ids};
    if (((TokenEncoder.Spec) spec).pooling() != TokenEncoder.Pooling.MEAN) {
      throw new IllegalArgumentException("token group '" + spec.group() + "': weighted ids (a bag) need mean pooling, "
          + "as in mtl4j, not " + ((TokenEncoder.Spec) spec).pooling());
    }
    return new String[] {ids, g.input(spec.group() + WEIGHTS, OnnxGraph.FLOAT, List.of(OnnxGraph.ROWS, TOKENS))};
  }

  @Override
  public String encode(Layers net, EncoderSpec spec, String prefix, String[] inputs) {
    TokenEncoder.Spec s = (TokenEncoder.Spec) spec;
    OnnxGraph g = net.graph();
    PaddedIds ids = new PaddedIds(g, inputs[0]);
    String rows = ids.lookup(net.param(prefix + ".table")); // [rows, L, D]
    if (inputs.length == 2) return ids.weightedSum(rows, inputs[1]);
    return switch (s.pooling()) {
      case MEAN -> ids.mean(rows);
      case MAX -> ids.maxOverPositions(g.op("Transpose", rows, ints("perm", 0, 2, 1)));
      case CONV -> ids.maxOverPositions(g.op("Relu", conv(net, prefix + ".conv", s, g.op("Transpose", rows,
          ints("perm", 0, 2, 1)))));
    };
  }

  /**
   * x [rows, D, L] → [rows, C_out, L]: nn.SequenceConv's kernel [k·D, C_out] (row j·D + c: tap j, channel c) as an
   * ONNX Conv weight [C_out, D, k], padded ⌊(k−1)/2⌋ before and the rest after, as Conv1d centres its windows.
   */
  private static String conv(Layers net, String prefix, TokenEncoder.Spec s, String x) {
    int d = s.dimension(), out = s.convChannels(), k = s.convWidth();
    Parameter kernel = net.buffer().get(prefix + ".kernel");
    float[] v = net.buffer().values(), w = new float[out * d * k];
    for (int o = 0; o < out; o++) {
      for (int c = 0; c < d; c++) {
        for (int j = 0; j < k; j++) w[(o * d + c) * k + j] = v[kernel.offset() + (j * d + c) * out + o];
      }
    }
    OnnxGraph g = net.graph();
    int left = (k - 1) / 2;
    return g.op("Conv", new String[] {x, g.floats(prefix + ".weight", w, 0, out, d, k), net.param(prefix + ".bias")},
        ints("kernel_shape", k), ints("pads", left, k - 1 - left), ints("strides", 1));
  }
}
