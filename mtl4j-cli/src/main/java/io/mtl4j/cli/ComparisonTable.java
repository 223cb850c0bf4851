package io.mtl4j.cli;

import io.mtl4j.metrics.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain-text table: one row per model, a column per task × metric, the average over tasks of each metric, Δm% against
 * a baseline row, and the training time.
 */
final class ComparisonTable {
  private final Map<String, Evaluation> rows = new LinkedHashMap<>();
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  void add(String model, Evaluation evaluation, double trainSeconds) {
    rows.put(model, evaluation);
    seconds.put(model, trainSeconds);
  }

  String format(String baseline) {
    Evaluation first = rows.values().iterator().next();
    List<String> header = new ArrayList<>(List.of("model"));
    for (String task : first.tasks()) for (String m : first.metrics(task)) header.add(task + " " + m);
    for (String m : first.metricNames()) header.add("avg " + m);
    header.add("Δm% vs " + baseline);
    header.add("train s");
    List<List<String>> cells = new ArrayList<>();
    cells.add(header);
    Evaluation base = rows.get(baseline);
    rows.forEach((model, e) -> {
      List<String> row = new ArrayList<>(List.of(model));
      for (String task : first.tasks()) for (String m : first.metrics(task)) row.add(num(e.value(task, m)));
      for (String m : first.metricNames()) row.add(num(e.average(m)));
      row.add(base == null ? "" : String.format(Locale.ROOT, "%+.2f", e.deltaM(base)));
      row.add(String.format(Locale.ROOT, "%.1f", seconds.get(model)));
      cells.add(row);
    });
    return render(cells);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }

  private static String render(List<List<String>> cells) {
    int columns = cells.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : cells) for (int c = 0; c < columns; c++) width[c] = Math.max(width[c], row.get(c).length());
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      for (int c = 0; c < columns; c++) {
        String v = cells.get(r).get(c);
        sb.append(c == 0 ? String.format("%-" + width[c] + "s", v) : String.format("  %" + width[c] + "s", v));
      }
      sb.append('\n');
      if (r == 0) sb.append("-".repeat(sb.length() - 1)).append('\n');
    }
    return sb.toString();
  }
}
