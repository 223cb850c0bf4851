package io.mtl4j.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import io.mtl4j.quant.Int8Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A growing ONNX graph over the protobuf classes: inputs, initializers, nodes and outputs, with generated value names
 * that never clash with the names the caller chose (inputs, outputs). Every method returns the name of the value it
 * made, so exporters read like the forward pass they translate.
 */
final class OnnxGraph {
  static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
  static final int DOUBLE = TensorProto.DataType.DOUBLE.getNumber();
  static final int INT64 = TensorProto.DataType.INT64.getNumber();
  static final int INT8 = TensorProto.DataType.INT8.getNumber();
  static final int BOOL = TensorProto.DataType.BOOL.getNumber();
  /** The symbolic batch dimension of every input and output. */
  static final String ROWS = "rows";

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private final Set<String> names = new HashSet<>();
  private int next;

  OnnxGraph(String name) {
    graph.setName(name);
  }

  /** Reserves {@code name} for the caller (an input or output), so generated names avoid it. */
  void reserve(String name) {
    if (!names.add(name)) throw new IllegalArgumentException("ONNX value name '" + name + "' is used twice");
  }

  /** A fresh value name. */
  String fresh(String hint) {
    String n;
    do {
      n = hint + "_" + next++;
    } while (names.contains(n));
    names.add(n);
    return n;
  }

  /** Declares a graph input [rows, width] of the given element type. */
  String input(String name, int elementType, int width) {
    return input(name, elementType, List.of(ROWS, width));
  }

  /** Declares a graph input of the given dimensions: a number is fixed, a string names a symbolic dimension. */
  String input(String name, int elementType, List<Object> dims) {
    reserve(name);
    graph.addInput(valueInfo(name, elementType, dims));
    return name;
  }

  /** Marks {@code value} as the graph output {@code name} [rows, width] (an Identity renames it); reserve it first. */
  void output(String name, String value, int elementType, int width) {
    names.add(name);
    node("Identity", new String[] {value}, new String[] {name});
    graph.addOutput(valueInfo(name, elementType, List.of(ROWS, width)));
  }

  /** A float initializer of the given shape (copied from {@code data[offset..offset+size)}). */
  String floats(String hint, float[] data, int offset, long... shape) {
    int size = Math.toIntExact(count(shape));
    ByteBuffer bytes = ByteBuffer.allocate(4 * size).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < size; i++) bytes.putFloat(data[offset + i]);
    return tensor(hint, FLOAT, bytes, shape);
  }

  /** A double initializer. */
  String doubles(String hint, double[] data, long... shape) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : data) bytes.putDouble(v);
    return tensor(hint, DOUBLE, bytes, shape);
  }

  /** An int64 initializer. */
  String longs(String hint, long[] data, long... shape) {
    ByteBuffer bytes = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : data) bytes.putLong(v);
    return tensor(hint, INT64, bytes, shape);
  }

  /**
   * An int8 matrix as stored: q [rows, cols] int8 with its per-column scales, through DequantizeLinear (axis 1; no
   * zero point, so 0) to float q·s.
   */
  String dequantized(Int8Weights.Matrix m) {
    String q = tensor(m.name(), INT8, ByteBuffer.wrap(m.values()), m.rows(), m.cols());
    String scales = floats(m.name() + ".scale", m.scales(), 0, m.cols());
    return op("DequantizeLinear", new String[] {q, scales}, attr("axis", 1));
  }

  /** A bool constant of the given shape, from 0/1 values (initializers hold no bools here: an int64 Cast). */
  String bools(String hint, long[] values, long... shape) {
    return op("Cast", longs(hint, values, shape), attr("to", BOOL));
  }

  /** A float scalar initializer. */
  String scalar(float v) {
    return floats("c", new float[] {v}, 0);
  }

  /** An int64 vector initializer (shapes, axes, indices). */
  String vector(long... v) {
    return longs("i", v, v.length);
  }

  private String tensor(String hint, int type, ByteBuffer bytes, long... shape) {
    String name = fresh(hint);
    TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type)
        .setRawData(ByteString.copyFrom(bytes.array()));
    for (long d : shape) t.addDims(d);
    graph.addInitializer(t);
    return name;
  }

  /** A one-output node; {@code attributes} are built with {@link #attr}. */
  String op(String type, String[] inputs, AttributeProto... attributes) {
    String out = fresh(type.toLowerCase(java.util.Locale.ROOT));
    node(type, inputs, new String[] {out}, attributes);
    return out;
  }

  String op(String type, String a, AttributeProto... attributes) {
    return op(type, new String[] {a}, attributes);
  }

  String op(String type, String a, String b, AttributeProto... attributes) {
    return op(type, new String[] {a, b}, attributes);
  }

  /** A node with several outputs (Split). */
  String[] ops(String type, String[] inputs, int outputs, AttributeProto... attributes) {
    String[] out = new String[outputs];
    for (int i = 0; i < outputs; i++) out[i] = fresh(type.toLowerCase(java.util.Locale.ROOT));
    node(type, inputs, out, attributes);
    return out;
  }

  private void node(String type, String[] inputs, String[] outputs, AttributeProto... attributes) {
    NodeProto.Builder n = NodeProto.newBuilder().setOpType(type).setName(fresh("node"));
    for (String i : inputs) n.addInput(i);
    for (String o : outputs) n.addOutput(o);
    for (AttributeProto a : attributes) n.addAttribute(a);
    graph.addNode(n);
  }

  static AttributeProto attr(String name, long value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
  }

  static AttributeProto floatAttr(String name, float value) {
    return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long v : values) a.addInts(v);
    return a.build();
  }

  GraphProto build(String doc) {
    return graph.setDocString(doc).build();
  }

  private static ValueInfoProto valueInfo(String name, int elementType, List<Object> dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object d : dims) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      shape.addDim(d instanceof String symbol ? dim.setDimParam(symbol) : dim.setDimValue(((Number) d).longValue()));
    }
    TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elementType)
        .setShape(shape)).build();
    return ValueInfoProto.newBuilder().setName(name).setType(type).build();
  }

  private static long count(long[] shape) {
    long n = 1;
    for (long d : shape) n *= d;
    return n;
  }
}
