package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;
import static io.mtl4j.onnx.OnnxGraph.ints;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MMoE;
import io.mtl4j.autodiff.DSelect;
import java.util.Arrays;

/**
 * {@link MMoE} with each of its gates: per-task softmax (MMoE), one shared softmax (OMoE) and DSelect-k. The experts
 * run side by side as in mtl4j: the first layer one [D, E·H] matrix, deeper layers block-diagonal.
 */
final class MMoEExport implements ArchitectureExport {
  @Override
  public String[] representations(Layers net, Architecture architecture, Architecture.Factory options, String x,
                                  int tasks) {
    MMoE.Options o = (MMoE.Options) options;
    int e = o.experts();
    String h = x;
    for (int l = 0; l < o.expertHidden().length; l++) {
      String prefix = "experts." + l;
      h = net.activation(l == 0 ? net.linear(h, prefix) : net.blockLinear(h, prefix, e), o.activation());
    }
    int width = o.expertHidden()[o.expertHidden().length - 1];
    String[] out = new String[tasks];
    if (o.gate() == MMoE.Gate.SHARED) {
      Arrays.fill(out, net.mixture(h, net.softmax(net.linear(x, "gate")), e, width));
      return out;
    }
    for (int t = 0; t < tasks; t++) {
      String gate = o.gate() == MMoE.Gate.SOFTMAX ? net.softmax(net.linear(x, "gate" + t))
          : dselect(net, net.linear(x, "gate" + t + ".selectors"), net.softmax(net.linear(x, "gate" + t + ".weights")),
              o);
      out[t] = net.mixture(h, gate, e, width);
    }
    return out;
  }

  /**
   * autodiff.DSelect.gate: bit logits z [B, k·m], selector weights w [B, k] → [B, E], each row Σ_i w_i · Π_j (S(z_ij)
   * if bit j of e is set, else 1 − S(z_ij)). The smooth step S clips z to ±γ/2 first: the cubic is exactly 0 and 1
   * there, as S is outside.
   */
  private static String dselect(Layers net, String z, String w, MMoE.Options o) {
    OnnxGraph g = net.graph();
    int e = o.experts(), m = DSelect.bits(e), k = o.selectors();
    float gamma = (float) o.gamma();
    String t = g.op("Clip", new String[] {z, g.scalar(-gamma / 2), g.scalar(gamma / 2)});
    // −2/γ³·t³ + 1.5/γ·t + 0.5, multiplied in DSelect.smoothStep's order.
    String cubic = g.op("Mul", g.op("Mul", g.op("Mul", g.scalar(-2f / (gamma * gamma * gamma)), t), t), t);
    String s = g.op("Add", g.op("Add", cubic, g.op("Mul", g.scalar(1.5f / gamma), t)), g.scalar(0.5f));
    String bits = net.reshape(s, 0, k, m, 1); // [B, k, m, 1]
    String factors = g.op("Where", new String[] {bitTable(g, m, e), bits, g.op("Sub", g.scalar(1f), bits)});
    String selected = g.op("ReduceProd", factors, ints("axes", 2), attr("keepdims", 0)); // [B, k, E]
    String weighted = g.op("Mul", selected, g.op("Unsqueeze", w, g.vector(2)));
    return g.op("ReduceSum", new String[] {weighted, g.vector(1)}, attr("keepdims", 0));
  }

  /** [m, E] booleans: bit j of expert e. */
  private static String bitTable(OnnxGraph g, int m, int e) {
    long[] bits = new long[m * e];
    for (int j = 0; j < m; j++) for (int x = 0; x < e; x++) bits[j * e + x] = (x >> j) & 1;
    return g.bools("bits", bits, m, e);
  }
}
