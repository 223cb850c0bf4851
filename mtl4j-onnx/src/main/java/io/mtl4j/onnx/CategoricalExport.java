package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;

import io.mtl4j.autodiff.EmbeddingBag;
import io.mtl4j.data.GroupedFeatures;
import io.mtl4j.encode.CategoricalEncoder;
import io.mtl4j.encode.EncoderSpec;
import java.util.List;

/**
 * {@code CategoricalEncoder}: input int64 [rows, F, K], for each of the F fields (in the spec's order) a row's table
 * ids padded with −1 to K (K = 1 when every field has one value per row; a missing value is a row of −1). Each field
 * gathers from its own table and pools its ids (sum or mean, {@link PaddedIds}); the fields are concatenated.
 */
final class CategoricalExport implements EncoderExport {
  static final String IDS = "ids";

  @Override
  public String[] inputs(Layers net, EncoderSpec spec, GroupedFeatures.Group fitted, boolean bag) {
    int fields = ((CategoricalEncoder.Spec) spec).fields().size();
    return new String[] {net.graph().input(spec.group(), OnnxGraph.INT64, List.of(OnnxGraph.ROWS, fields, IDS))};
  }

  @Override
  public String encode(Layers net, EncoderSpec spec, String prefix, String[] inputs) {
    CategoricalEncoder.Spec s = (CategoricalEncoder.Spec) spec;
    OnnxGraph g = net.graph();
    String[] parts = new String[s.fields().size()];
    for (int f = 0; f < parts.length; f++) {
      PaddedIds ids = new PaddedIds(g, g.op("Gather", inputs[0], g.longs("field", new long[] {f}), attr("axis", 1)));
      String rows = ids.lookup(net.param(prefix + "." + s.fields().get(f).name() + ".table"));
      parts[f] = s.pooling() == EmbeddingBag.Pooling.MEAN ? ids.mean(rows) : ids.sum(rows);
    }
    return net.concat(parts);
  }
}
