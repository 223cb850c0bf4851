package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;
import static io.mtl4j.onnx.OnnxGraph.ints;

import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.quant.Int8Weights;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * mtl4j's layers and ops as ONNX nodes, reading parameters by name from a model's {@link ParameterBuffer}. Each method
 * mirrors one op of {@code io.mtl4j.autodiff} or {@code io.mtl4j.nn} in eval mode (dropout is the identity); shapes
 * are written as in the ops' Javadoc.
 */
final class Layers {
  private final OnnxGraph g;
  private final ParameterBuffer buffer;
  private final Int8Weights int8;
  private final Map<String, String> bound = new HashMap<>();

  /** @param int8 the int8 matrices, stored quantized and dequantized in the graph (QDQ); null for float32 */
  Layers(OnnxGraph g, ParameterBuffer buffer, Int8Weights int8) {
    this.g = g;
    this.buffer = buffer;
    this.int8 = int8;
  }

  OnnxGraph graph() {
    return g;
  }

  ParameterBuffer buffer() {
    return buffer;
  }

  /**
   * The parameter {@code name} in its own shape (once per graph): a float initializer, or for an int8 matrix its
   * int8 values and per-column scales through DequantizeLinear.
   */
  String param(String name) {
    return bound.computeIfAbsent(name, n -> {
      Int8Weights.Matrix m = int8 == null ? null : int8.matrix(n);
      if (m != null) return g.dequantized(m);
      Parameter p = parameter(n);
      return g.floats(n, buffer.values(), p.offset(), toLongs(p.shape()));
    });
  }

  /** The shape of parameter {@code name}. */
  int[] shape(String name) {
    return parameter(name).shape();
  }

  private Parameter parameter(String name) {
    try {
      return buffer.get(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("ONNX export: the model has no parameter '" + name + "'; its layout does not "
          + "match the exporter of its architecture", e);
    }
  }

  /** x [B, in] · {@code prefix}.weight [in, out] + {@code prefix}.bias [out] (nn.Linear). */
  String linear(String x, String prefix) {
    return g.op("Add", g.op("MatMul", x, param(prefix + ".weight")), param(prefix + ".bias"));
  }

  /** activation(linear(x)) (nn.Linear with an activation). */
  String dense(String x, String prefix, Activation a) {
    return activation(linear(x, prefix), a);
  }

  /** nn.Mlp: {@code layers} dense layers named {@code prefix}.0, {@code prefix}.1, …; none is the identity. */
  String mlp(String x, String prefix, int layers, Activation a) {
    String h = x;
    for (int i = 0; i < layers; i++) h = dense(h, prefix + "." + i, a);
    return h;
  }

  /** Element-wise activations with the formulas of autodiff.Elementwise (GELU in its tanh form). */
  String activation(String x, Activation a) {
    return switch (a) {
      case RELU -> g.op("Relu", x);
      case SIGMOID -> g.op("Sigmoid", x);
      case TANH -> g.op("Tanh", x);
      case IDENTITY -> x;
      case GELU -> gelu(x);
    };
  }

  /** 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
  private String gelu(String x) {
    String cube = g.op("Mul", g.op("Mul", g.op("Mul", g.scalar(0.044715f), x), x), x);
    String t = g.op("Tanh", g.op("Mul", g.scalar((float) Math.sqrt(2 / Math.PI)), g.op("Add", x, cube)));
    return g.op("Mul", g.op("Mul", g.scalar(0.5f), x), g.op("Add", g.scalar(1f), t));
  }

  /** Softmax over the columns of [B, K]. */
  String softmax(String x) {
    return g.op("Softmax", x, attr("axis", 1));
  }

  /** x with another shape; 0 keeps the input's dimension (the batch). */
  String reshape(String x, long... shape) {
    return g.op("Reshape", x, g.vector(shape));
  }

  /**
   * autodiff.MatMul.blockLinear: E blocks x_e [B, in] each times its own W_e [in, out], side by side: x [B, E·in],
   * weight [E·in, out] → [B, E·out], plus bias [E·out].
   */
  String blockLinear(String x, String prefix, int blocks) {
    int[] w = shape(prefix + ".weight");
    int in = w[0] / blocks, out = w[1];
    String xe = g.op("Transpose", reshape(x, 0, blocks, in), ints("perm", 1, 0, 2)); // [E, B, in]
    String ye = g.op("MatMul", xe, reshape(param(prefix + ".weight"), blocks, in, out)); // [E, B, out]
    String y = reshape(g.op("Transpose", ye, ints("perm", 1, 0, 2)), 0, (long) blocks * out);
    return g.op("Add", y, param(prefix + ".bias"));
  }

  /** autodiff.Mixture: experts [B, E·H], gates [B, E] → Σ_e gate_e · expert_e [B, H]. */
  String mixture(String experts, String gates, int count, int width) {
    String weighted = g.op("Mul", reshape(experts, 0, count, width), g.op("Unsqueeze", gates, g.vector(2)));
    return g.op("ReduceSum", new String[] {weighted, g.vector(1)}, attr("keepdims", 0));
  }

  /** autodiff.GroupMixture: the groups [B, E_g·H] side by side, then one {@link #mixture} over all their experts. */
  String groupMixture(String gates, List<String> groups, int count, int width) {
    String all = groups.size() == 1 ? groups.get(0) : g.op("Concat", groups.toArray(String[]::new), attr("axis", 1));
    return mixture(all, gates, count, width);
  }

  /** Columns [from, to) of x [B, K]. */
  String columns(String x, int from, int to) {
    return g.op("Slice", new String[] {x, g.vector(from), g.vector(to), g.vector(1)});
  }

  /** Concatenation along the columns. */
  String concat(String... parts) {
    return parts.length == 1 ? parts[0] : g.op("Concat", parts, attr("axis", 1));
  }

  private static long[] toLongs(int[] shape) {
    long[] s = new long[shape.length];
    for (int i = 0; i < s.length; i++) s[i] = shape[i];
    return s;
  }
}
