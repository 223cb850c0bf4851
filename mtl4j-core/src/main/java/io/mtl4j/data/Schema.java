package io.mtl4j.data;

import java.util.LinkedHashMap;
import java.util.Map;

/** Column kinds of a table: numeric when every present value parses as a finite number, categorical otherwise. */
public final class Schema {
  private Schema() {}

  public static boolean isNumeric(Table table, int column) {
    for (String v : table.values(column)) {
      try {
        if (!Double.isFinite(Double.parseDouble(v))) return false;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    return !table.values(column).isEmpty();
  }

  /** Column name → "numeric" or "categorical", in column order. */
  public static Map<String, String> infer(Table table) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int c = 0; c < table.names().size(); c++) out.put(table.names().get(c), isNumeric(table, c) ? "numeric" : "categorical");
    return out;
  }
}
