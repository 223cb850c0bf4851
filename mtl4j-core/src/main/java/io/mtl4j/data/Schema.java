package io.mtl4j.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Column kinds of a table: numeric when every present value parses as a finite number, categorical when most values
 * do not. A column whose values are mostly numbers but not all is refused at its first odd cell: one stray
 * {@code abc} or {@code Infinity} used to make it categorical without a word (5 inputs became 185, and later
 * predictions on clean data failed as "unseen category"). Declaring the column's kind ({@code features.numeric} or
 * {@code features.categorical}) or listing the value as missing settles it.
 */
public final class Schema {
  private Schema() {}

  /** Whether the column is numeric; a {@link DataFormatException} at the first non-number of a mostly-numeric column. */
  public static boolean isNumeric(Table table, int column) {
    List<String> values = table.values(column);
    boolean[] number = new boolean[values.size()];
    boolean all = true;
    for (int code = 0; code < number.length; code++) {
      number[code] = finiteNumber(values.get(code));
      all &= number[code];
    }
    if (all) return !values.isEmpty();
    long numbers = 0, others = 0;
    int first = -1;
    for (int r = 0; r < table.rows(); r++) {
      int code = table.code(column, r);
      if (code == Table.MISSING) continue;
      if (number[code]) {
        numbers++;
      } else {
        others++;
        if (first < 0) first = r;
      }
    }
    if (numbers <= others) return false;
    throw new DataFormatException(table.source(), table.line(first), column + 1, "column '" + table.names().get(column)
        + "' has the value '" + values.get(table.code(column, first)) + "', but " + numbers + " of its " + (numbers + others)
        + " values are finite numbers; declare the column under features.categorical (or features.numeric), or list "
        + "the value as missing");
  }

  /** Whether a cell's text is a finite number (what a numeric column holds). */
  public static boolean finiteNumber(String v) {
    return !Double.isNaN(finiteOrNaN(v));
  }

  /** The cell's number when it is a finite one, else NaN: one parse where a caller needs both test and value. */
  public static double finiteOrNaN(String v) {
    return NumberText.finiteOrNaN(v);
  }

  /** Column name → "numeric" or "categorical", in column order. */
  public static Map<String, String> infer(Table table) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int c = 0; c < table.names().size(); c++) out.put(table.names().get(c), isNumeric(table, c) ? "numeric" : "categorical");
    return out;
  }
}
