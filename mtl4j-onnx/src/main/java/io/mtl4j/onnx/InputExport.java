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

  /** Declares the inputs the preprocessing needs and returns the model inputs [rows, D] (float). */
  static String features(Layers net, Preprocessing p) {
    OnnxGraph g = net.graph();
    List<FeatureEncoder> encoders = p.encoders();
    long numeric = encoders.stream().filter(e -> e instanceof FeatureEncoder.Numeric).count();
    String num = numeric == 0 ? null : g.input(NUMERIC, OnnxGraph.DOUBLE, (int) numeric);
    String cat = numeric == encoders.size() ? null : g.input(CATEGORICAL, OnnxGraph.INT64, encoders.size() - (int) numeric);
    List<String> parts = new ArrayList<>();
    int n = 0, c = 0;
    for (FeatureEncoder e : encoders) {
      if (e instanceof FeatureEncoder.Numeric x) {
        parts.add(numeric(net, x, net.columns(num, n, n + 1)));
        n++;
      } else {
        parts.add(categorical(g, e, net.columns(cat, c, c + 1)));
        c++;
      }
    }
    return net.concat(parts.toArray(String[]::new));
  }

  /** (transform(x) − shift) / scale in double, rounded to float; the imputed value where x is NaN. */
  private static String numeric(Layers net, FeatureEncoder.Numeric e, String x) {
    OnnxGraph g = net.graph();
    String missing = g.op("IsNaN", x);
    String t = x;
    if (e.scaling().equals("log")) {
      t = g.op("Mul", g.op("Sign", x), g.op("Log", g.op("Add", g.op("Abs", x), g.doubles("one", new double[] {1}))));
    }
    String scaled = g.op("Div", g.op("Sub", t, g.doubles("shift", new double[] {e.shift()})),
        g.doubles("scale", new double[] {e.scale()}));
    String value = g.op("Where", new String[] {missing, g.scalar((float) e.impute()),
        g.op("Cast", scaled, attr("to", OnnxGraph.FLOAT))});
    return e.indicator() ? net.concat(value, g.op("Cast", missing, attr("to", OnnxGraph.FLOAT))) : value;
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
