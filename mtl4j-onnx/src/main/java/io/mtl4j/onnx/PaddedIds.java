package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;
import static io.mtl4j.onnx.OnnxGraph.ints;

/**
 * Embedding lookups over padded id inputs, the ONNX form of {@code autodiff.EmbeddingBag} and {@code Gather} +
 * {@code SegmentMax}: ids [rows, L] int64 hold each row's ids first and −1 (any negative id) after them, so a row of
 * n ids is the CSR segment of mtl4j's rows with L − n padding slots. Padding reads table row 0 through Gather and is
 * then zeroed, so it adds nothing to a sum, is not counted by a mean and never wins a max; a row of padding only
 * pools to a zero vector, as an empty segment does in mtl4j.
 */
final class PaddedIds {
  private final OnnxGraph g;
  private final String real;
  private final String mask;
  private final String count;
  private final String ids;

  /** ids [rows, L] int64, −1 = padding. */
  PaddedIds(OnnxGraph g, String ids) {
    this.g = g;
    this.real = g.op("GreaterOrEqual", ids, g.longs("zero", new long[] {0}));
    this.mask = g.op("Cast", real, attr("to", OnnxGraph.FLOAT));
    this.count = g.op("ReduceSum", new String[] {mask, g.vector(1)}, attr("keepdims", 1)); // [rows, 1]
    this.ids = g.op("Where", new String[] {real, ids, g.longs("zero", new long[] {0})});
  }

  /** table [V, D] rows at the ids → [rows, L, D], zero at padding. */
  String lookup(String table) {
    return g.op("Mul", g.op("Gather", table, ids, attr("axis", 0)), g.op("Unsqueeze", mask, g.vector(2)));
  }

  /** Σ over each row's ids of x [rows, L, D] (zero at padding) → [rows, D]. */
  String sum(String x) {
    return g.op("ReduceSum", new String[] {x, g.vector(1)}, attr("keepdims", 0));
  }

  /** Σ weight·x over each row's ids, weights [rows, L] float (ignored at padding) → [rows, D]. */
  String weightedSum(String x, String weights) {
    return sum(g.op("Mul", x, g.op("Unsqueeze", g.op("Mul", weights, mask), g.vector(2))));
  }

  /** The mean over each row's ids → [rows, D]; a row without ids gives zeros (0 / max(n, 1)). */
  String mean(String x) {
    return g.op("Div", sum(x), g.op("Max", new String[] {count, g.scalar(1f)}));
  }

  /**
   * The column maximum over each row's positions of x [rows, D, L] (positions on the last axis, as Conv gives them)
   * → [rows, D]; padding positions never win, and a row without ids gives zeros.
   */
  String maxOverPositions(String x) {
    String held = g.op("Where", new String[] {g.op("Unsqueeze", real, g.vector(1)), x,
        g.scalar(Float.NEGATIVE_INFINITY)});
    String max = g.op("ReduceMax", held, ints("axes", 2), attr("keepdims", 0));
    return g.op("Where", new String[] {g.op("Greater", count, g.scalar(0f)), max, g.scalar(0f)});
  }
}
