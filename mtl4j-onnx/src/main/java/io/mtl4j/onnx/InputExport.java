package io.mtl4j.onnx;

import static io.mtl4j.onnx.OnnxGraph.attr;

import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.Preprocessing;
import java.util.ArrayList;
import java.util.List;

/**
 * The fitted preprocessing as ONNX nodes, from the graph's two inputs to the model inputs [rows, D] in mtl4j's order.
 *
 * <p>{@value #NUMERIC} (double [rows, n]) holds the raw numeric columns, NaN for a missing value; the graph applies
 * the log transform, the scaling, the imputation and the missing-value indicator. Double, because mtl4j scales in
 * double before rounding to float: the graph rounds at the same place. {@value #CATEGORICAL} (int64 [rows, c]) holds
 * one index per categorical column, as the encoder's {@code codeTable} gives it: the category's position in the
 * sidecar's list (any index outside the list means unknown) or the hash bucket (negative for missing); the graph
 * one-hots it. Which column is where is in the sidecar ({@link Sidecar}).
 */
final class InputExport {
  static final String NUMERIC = "numeric";
  static final String CATEGORICAL = "categorical";

  private InputExport() {}

  /**
   * Declares the inputs the preprocessing needs and returns the model inputs [rows, D] (float): the numeric columns
   * as one block (one node per step for all of them), each categorical column's one-hot block, then one Gather that
   * puts every model input at its place in mtl4j's order.
   */
  static String features(Layers net, Preprocessing p) {
    OnnxGraph g = net.graph();
    int n = numericCount(p.encoders()), c = p.encoders().size() - n;
    return encode(net, p.encoders(), n == 0 ? null : g.input(NUMERIC, OnnxGraph.DOUBLE, n),
        c == 0 ? null : g.input(CATEGORICAL, OnnxGraph.INT64, c));
  }

  /**
   * A dense feature group's raw columns as one input {@code name} (double [rows, columns], the group's column order):
   * a numeric column's value (NaN when missing), a categorical column's index as a number (exact below 2^53), the
   * same values {@value #NUMERIC} and {@value #CATEGORICAL} carry. Returns the group's encoding [rows, width].
   */
  static String group(Layers net, String name, List<FeatureEncoder> encoders) {
    OnnxGraph g = net.graph();
    String raw = g.input(name, OnnxGraph.DOUBLE, encoders.size());
    List<Long> numeric = new ArrayList<>(), categorical = new ArrayList<>();
    for (int i = 0; i < encoders.size(); i++) {
      (encoders.get(i) instanceof FeatureEncoder.Numeric ? numeric : categorical).add((long) i);
    }
    String x = numeric.isEmpty() ? null : pick(g, raw, numeric);
    String cat = categorical.isEmpty() ? null : g.op("Cast", pick(g, raw, categorical), attr("to", OnnxGraph.INT64));
    return encode(net, encoders, x, cat);
  }

  /** Columns {@code columns} of x [rows, k], in that order (x itself when they are all of them in order). */
  private static String pick(OnnxGraph g, String x, List<Long> columns) {
    boolean all = columns.get(columns.size() - 1) == columns.size() - 1;
    return all ? x : g.op("Gather", x, g.vector(columns.stream().mapToLong(Long::longValue).toArray()), attr("axis", 1));
  }

  private static int numericCount(List<FeatureEncoder> encoders) {
    return (int) encoders.stream().filter(e -> e instanceof FeatureEncoder.Numeric).count();
  }

  /** The encoded columns [rows, Σ width] from the numeric values x and the categorical indices (each null if none). */
  private static String encode(Layers net, List<FeatureEncoder> encoders, String x, String cat) {
    OnnxGraph g = net.graph();
    List<FeatureEncoder.Numeric> numeric = new ArrayList<>();
    for (FeatureEncoder e : encoders) if (e instanceof FeatureEncoder.Numeric v) numeric.add(v);
    int n = numeric.size(), width = encoders.stream().mapToInt(FeatureEncoder::width).sum();
    boolean indicators = numeric.stream().anyMatch(FeatureEncoder.Numeric::indicator);
    List<String> blocks = new ArrayList<>();
    if (n > 0) {
      String missing = g.op("IsNaN", x);
      blocks.add(numeric(g, numeric, x, missing));
      if (indicators) blocks.add(g.op("Cast", missing, attr("to", OnnxGraph.FLOAT)));
    }
    // Where each model input sits in the concatenated blocks: numeric j at j, its indicator at n + j, then the
    // categorical blocks in column order.
    long[] position = new long[width];
    int next = indicators ? 2 * n : n, out = 0, j = 0, c = 0;
    for (FeatureEncoder e : encoders) {
      if (e instanceof FeatureEncoder.Numeric v) {
        position[out++] = j;
        if (v.indicator()) position[out++] = n + j;
        j++;
      } else {
        blocks.add(categorical(g, e, net.columns(cat, c, c + 1)));
        for (int k = 0; k < e.width(); k++) position[out++] = next++;
        c++;
      }
    }
    String all = net.concat(blocks.toArray(String[]::new));
    boolean inOrder = next == position.length;
    for (int i = 0; inOrder && i < position.length; i++) inOrder = position[i] == i;
    return inOrder ? all : g.op("Gather", all, g.vector(position), attr("axis", 1));
  }

  /**
   * Every numeric column at once, as FeatureEncoder.Numeric: (transform(x) − shift) / scale in double, rounded to
   * float, and the imputed value where x is NaN.
   */
  private static String numeric(OnnxGraph g, List<FeatureEncoder.Numeric> columns, String x, String missing) {
    int n = columns.size();
    double[] shift = new double[n], scale = new double[n];
    float[] impute = new float[n];
    long[] log = new long[n];
    for (int j = 0; j < n; j++) {
      FeatureEncoder.Numeric e = columns.get(j);
      shift[j] = e.shift();
      scale[j] = e.scale();
      impute[j] = (float) e.impute();
      log[j] = e.scaling().equals("log") ? 1 : 0;
    }
    String t = x;
    if (java.util.Arrays.stream(log).anyMatch(v -> v == 1)) {
      // sign(x)·log(1 + |x|), taken only in the log-scaled columns.
      String logged = g.op("Mul", g.op("Sign", x), g.op("Log", g.op("Add", g.op("Abs", x),
          g.doubles("one", new double[] {1}))));
      t = g.op("Where", new String[] {g.bools("log", log, n), logged, x});
    }
    String scaled = g.op("Div", g.op("Sub", t, g.doubles("shift", shift, n)), g.doubles("scale", scale, n));
    return g.op("Where", new String[] {missing, g.floats("impute", impute, 0, n),
        g.op("Cast", scaled, attr("to", OnnxGraph.FLOAT))});
  }

  private static String categorical(OnnxGraph g, FeatureEncoder e, String index) {
    if (e instanceof FeatureEncoder.OneHot o) {
      int unknown = o.categories().size();
      String inRange = g.op("And", g.op("GreaterOrEqual", index, g.longs("zero", new long[] {0})),
          g.op("Less", index, g.longs("size", new long[] {unknown})));
      String k = g.op("Where", new String[] {inRange, index, g.longs("unknown", new long[] {unknown})});
      if (o.ids()) {
        // The embedding id: 1-based category, 0 = unknown.
        String id = g.op("Where", new String[] {inRange, g.op("Add", k, g.longs("one", new long[] {1})),
            g.longs("zero", new long[] {0})});
        return g.op("Cast", id, attr("to", OnnxGraph.FLOAT));
      }
      return oneHot(g, k, unknown + 1);
    }
    if (e instanceof FeatureEncoder.Hashed h) return oneHot(g, index, h.buckets());
    throw new IllegalArgumentException("column '" + e.column() + "': its encoder " + e.getClass().getSimpleName()
        + " has no ONNX export");
  }

  /** [rows, 1] index → [rows, width] with a 1 at the index; all zeros for an index outside [0, width). */
  private static String oneHot(OnnxGraph g, String index, int width) {
    long[] range = new long[width];
    for (int i = 0; i < width; i++) range[i] = i;
    return g.op("Cast", g.op("Equal", index, g.longs("range", range, 1, width)), attr("to", OnnxGraph.FLOAT));
  }
}
