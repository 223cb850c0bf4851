package io.mtl4j.cli.run;

import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Split;
import io.mtl4j.data.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Validation/test rows whose multiclass label is a class the training rows never had. No model output stands for
 * such a class, so no metric can score them and they are left out; they are counted, said on standard error and
 * recorded in metrics.json under {@code unseenLabels}, so the metrics are never silently computed on fewer rows.
 */
public final class UnseenLabels {
  private UnseenLabels() {}

  /** {@link #report} of the validation and the test rows of {@code split}, by part; parts without any left out. */
  public static Map<String, Object> report(String command, Preprocessing p, Table table, Split split) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> valid = report(command, p, table, "validation", split.valid());
    Map<String, Object> test = report(command, p, table, "test", split.test());
    if (!valid.isEmpty()) out.put("validation", valid);
    if (!test.isEmpty()) out.put("test", test);
    return out;
  }

  /**
   * Per task, the unseen rows and classes among {@code rows} (the {@code part} of the data: validation, test), each
   * task's count said as a warning of {@code command}; empty when there are none.
   */
  public static Map<String, Object> report(String command, Preprocessing p, Table table, String part, int[] rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, LabelEncoder.Unseen> e : p.unseenLabels(table, rows).entrySet()) {
      LabelEncoder.Unseen u = e.getValue();
      System.err.printf(Locale.ROOT, "mtl4j %s: warning: task '%s': %d of %d %s rows have classes unseen in training "
          + "%s; the model has no output for them, so its metrics leave them out%n", command, e.getKey(), u.rows(),
          rows.length, part, u.classes());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("rows", u.rows());
      entry.put("of", rows.length);
      entry.put("classes", u.classes());
      out.put(e.getKey(), entry);
    }
    return out;
  }
}
