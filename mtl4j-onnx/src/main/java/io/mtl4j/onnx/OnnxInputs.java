package io.mtl4j.onnx;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import java.util.List;

/**
 * Raw rows as an exported graph's inputs: the numeric columns as doubles (NaN where missing) and each categorical
 * column's index (see {@link OnnxExport} for the layout). What a caller in another language does with the sidecar's
 * category lists, done here with mtl4j's own encoders.
 *
 * @param numeric     [rows, numericWidth] row-major, or empty when the model has no numeric column
 * @param categorical [rows, categoricalWidth] row-major, or empty when it has no categorical column
 */
public record OnnxInputs(int rows, double[] numeric, int numericWidth, long[] categorical, int categoricalWidth) {

  /** The inputs of every row of {@code table}, a file with (at least) the columns {@code p} was fitted on. */
  public static OnnxInputs of(Preprocessing p, Table table) {
    List<FeatureEncoder> encoders = p.encoders();
    int nw = (int) encoders.stream().filter(e -> e instanceof FeatureEncoder.Numeric).count();
    int cw = encoders.size() - nw;
    int rows = table.rows();
    double[] numeric = new double[rows * nw];
    long[] categorical = new long[rows * cw];
    int n = 0, c = 0;
    for (FeatureEncoder e : encoders) {
      if (e instanceof FeatureEncoder.Numeric) {
        double[] values = numeric(e, table);
        for (int r = 0; r < rows; r++) numeric[r * nw + n] = values[r];
        n++;
      } else {
        long[] index = index(e, table);
        for (int r = 0; r < rows; r++) categorical[r * cw + c] = index[r];
        c++;
      }
    }
    return new OnnxInputs(rows, numeric, nw, categorical, cw);
  }

  /** A numeric column's value in every row, NaN where missing. */
  static double[] numeric(FeatureEncoder e, Table table) {
    int col = table.require(e.column(), "input");
    double[] values = parse(table, col), out = new double[table.rows()];
    for (int r = 0; r < out.length; r++) {
      int code = table.code(col, r);
      out[r] = code < 0 ? Double.NaN : values[code];
    }
    return out;
  }

  /** A categorical column's index in every row, as the encoder's {@code codeTable} gives it. */
  static long[] index(FeatureEncoder e, Table table) {
    int col = table.require(e.column(), "input");
    float[] lookup = e.codeTable(table, col);
    long missing = e instanceof FeatureEncoder.OneHot o ? o.categories().size() : -1;
    long[] out = new long[table.rows()];
    for (int r = 0; r < out.length; r++) {
      int code = table.code(col, r);
      out[r] = code < 0 ? missing : (long) lookup[code];
    }
    return out;
  }

  /** Each distinct value of a numeric column as a number. */
  private static double[] parse(Table table, int col) {
    List<String> values = table.values(col);
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Double.parseDouble(values.get(i));
      } catch (NumberFormatException ex) {
        out[i] = Double.NaN;
      }
      if (!Double.isFinite(out[i])) {
        int row = table.firstRowWith(col, i);
        throw new DataFormatException(table.source(), table.line(row), col + 1, "column '" + table.names().get(col)
            + "' is numeric in the model but has the value '" + values.get(i) + "'");
      }
    }
    return out;
  }
}
