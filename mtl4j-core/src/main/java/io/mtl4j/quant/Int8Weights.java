package io.mtl4j.quant;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Post-training int8 weight quantization, symmetric and per output channel (Krishnamoorthi, "Quantizing deep
 * convolutional networks for efficient inference", 2018, Sec. 2): each weight matrix W [in, out] becomes int8 values
 * q in [−127, 127] and one float scale per column, s_j = max_i |W_ij| / 127, with W_ij ≈ q_ij · s_j.
 *
 * <p>Weight matrices are the 2-D parameters named {@code *.weight} (dense layers, experts, gates, towers); biases
 * and other parameters stay float32. Activations stay float: {@link #model()} computes with the dequantized weights
 * q·s (rounded to float as ONNX's DequantizeLinear rounds them), so it is the reference an int8 ONNX graph is checked
 * against.
 */
public final class Int8Weights {
  /**
   * One quantized matrix.
   *
   * @param values q, row-major [rows, cols]
   * @param scales s, one per column
   */
  public record Matrix(String name, int rows, int cols, byte[] values, float[] scales) {
    /** q_ij · s_j in float. */
    public float dequantized(int i, int j) {
      return values[i * cols + j] * scales[j];
    }
  }

  private final MultiTaskModel quantized;
  private final Map<String, Matrix> matrices;

  private Int8Weights(MultiTaskModel quantized, Map<String, Matrix> matrices) {
    this.quantized = quantized;
    this.matrices = Collections.unmodifiableMap(matrices);
  }

  /** Quantizes every weight matrix of {@code model} (which is left unchanged). */
  public static Int8Weights quantize(MultiTaskModel model) {
    ParameterBuffer buffer = model.parameters();
    float[] values = buffer.values().clone();
    Map<String, Matrix> matrices = new LinkedHashMap<>();
    for (Parameter p : buffer.parameters()) {
      if (p.shape().length != 2 || !p.name().endsWith(".weight")) continue;
      Matrix m = quantize(p.name(), values, p.offset(), p.shape()[0], p.shape()[1]);
      for (int i = 0; i < m.rows(); i++) {
        for (int j = 0; j < m.cols(); j++) values[p.offset() + i * m.cols() + j] = m.dequantized(i, j);
      }
      matrices.put(p.name(), m);
    }
    return new Int8Weights(MultiTaskModel.create(model.spec(), values), matrices);
  }

  /** W [rows, cols] at {@code w[offset..]} → q and per-column scales. */
  static Matrix quantize(String name, float[] w, int offset, int rows, int cols) {
    float[] scales = new float[cols];
    for (int j = 0; j < cols; j++) {
      float max = 0;
      for (int i = 0; i < rows; i++) max = Math.max(max, Math.abs(w[offset + i * cols + j]));
      // An all-zero column keeps q = 0 with any scale; 1 keeps the scale a normal positive number.
      scales[j] = max > 0 ? max / 127f : 1f;
    }
    byte[] q = new byte[rows * cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        long v = Math.round(w[offset + i * cols + j] / scales[j]);
        q[i * cols + j] = (byte) Math.max(-127, Math.min(127, v));
      }
    }
    return new Matrix(name, rows, cols, q, scales);
  }

  /** The model with every weight matrix replaced by its dequantized values: mtl4j's int8 predictions. */
  public MultiTaskModel model() {
    return quantized;
  }

  /** The quantized matrices by parameter name, in parameter order. */
  public Map<String, Matrix> matrices() {
    return matrices;
  }

  /** The quantized matrix of parameter {@code name}, or null when that parameter stays float. */
  public Matrix matrix(String name) {
    return matrices.get(name);
  }

  /** Bytes of the parameters stored this way: 1 per int8 value, 4 per scale and per float parameter. */
  public long bytes() {
    long floats = quantized.parameters().size(), bytes = 0;
    for (Matrix m : matrices.values()) {
      floats -= (long) m.rows() * m.cols();
      bytes += (long) m.rows() * m.cols() + 4L * m.cols();
    }
    return bytes + 4 * floats;
  }

  /** Names of the parameters that stay float32. */
  public List<String> floatParameters() {
    List<String> out = new ArrayList<>();
    for (Parameter p : quantized.parameters().parameters()) if (!matrices.containsKey(p.name())) out.add(p.name());
    return out;
  }
}
