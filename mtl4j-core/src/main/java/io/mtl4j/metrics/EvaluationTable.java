package io.mtl4j.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Plain-text comparison table of several models: one row per model, one column per task/metric, then the average
 * of every metric that several tasks share, then Δm% against a baseline row.
 *
 * <pre>
 * model          ctr/auc  ctr/logloss  cvr/auc  cvr/logloss  avg auc  avg logloss   Δm%
 * -------------  -------  -----------  -------  -----------  -------  -----------  -----
 * single-task     0.7012       0.4410   0.6500       0.2100   0.6756       0.3255   base
 * mmoe            0.7100       0.4300   0.6600       0.2000   0.6850       0.3168  +2.22
 * </pre>
 */
public final class EvaluationTable {
  private EvaluationTable() {}

  /** A named row of the table. */
  public record Model(String name, Evaluation evaluation) {
    public Model {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(evaluation, "evaluation");
    }
  }

  /** The table with Δm% against the first model. */
  public static String format(List<Model> models) {
    return format(models, models.isEmpty() ? null : models.get(0).name());
  }

  /**
   * The table with Δm% against the model named {@code baseline}, or without that column when it is null. A model
   * whose Δm is undefined against the baseline (missing metrics) shows {@code n/a}.
   */
  public static String format(List<Model> models, String baseline) {
    Evaluation base = baseline == null ? null : models.stream().filter(m -> m.name().equals(baseline))
        .map(Model::evaluation).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("EvaluationTable: no model named '" + baseline + "'"));
    List<String[]> columns = columns(models);
    List<String> averaged = averagedMetrics(models);

    List<List<String>> cells = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("model"));
    columns.forEach(c -> header.add(c[0] + "/" + c[1]));
    averaged.forEach(m -> header.add("avg " + m));
    if (base != null) {
      header.add("Δm%");
    }
    cells.add(header);
    for (Model model : models) {
      Evaluation e = model.evaluation();
      List<String> row = new ArrayList<>(List.of(model.name()));
      columns.forEach(c -> row.add(e.has(c[0], c[1]) ? number(e.value(c[0], c[1])) : "-"));
      averaged.forEach(m -> row.add(number(e.average(m))));
      if (base != null) {
        row.add(model.name().equals(baseline) ? "base" : deltaM(e, base));
      }
      cells.add(row);
    }
    return render(cells);
  }

  /** (task, metric) pairs in order of first appearance over the models. */
  private static List<String[]> columns(List<Model> models) {
    Set<List<String>> seen = new LinkedHashSet<>();
    for (Model m : models) {
      for (Evaluation.Score s : m.evaluation().scores()) {
        seen.add(List.of(s.task(), s.metric()));
      }
    }
    return seen.stream().map(p -> p.toArray(new String[0])).toList();
  }

  /** Metrics that at least two tasks of some model share. */
  private static List<String> averagedMetrics(List<Model> models) {
    Set<String> out = new LinkedHashSet<>();
    for (Model m : models) {
      Evaluation e = m.evaluation();
      for (String metric : e.metricNames()) {
        if (e.tasks().stream().filter(t -> e.has(t, metric)).count() >= 2) {
          out.add(metric);
        }
      }
    }
    return List.copyOf(out);
  }

  private static String deltaM(Evaluation e, Evaluation base) {
    try {
      double d = DeltaM.percent(e, base);
      return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%+.2f", d);
    } catch (IllegalArgumentException incomparable) {
      return "n/a";
    }
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "nan" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** First column left-aligned, the others right-aligned, two spaces apart, a dashed rule under the header. */
  private static String render(List<List<String>> cells) {
    int n = cells.get(0).size();
    int[] widths = new int[n];
    for (List<String> row : cells) {
      for (int c = 0; c < n; c++) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < cells.size(); r++) {
      appendRow(sb, cells.get(r), widths);
      if (r == 0) {
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
          rule.add("-".repeat(w));
        }
        appendRow(sb, rule, widths);
      }
    }
    return sb.toString();
  }

  private static void appendRow(StringBuilder sb, List<String> row, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < row.size(); c++) {
      String s = row.get(c);
      String pad = " ".repeat(widths[c] - s.length());
      line.append(c == 0 ? "" : "  ").append(c == 0 ? s + pad : pad + s);
    }
    sb.append(line.toString().stripTrailing()).append('\n');
  }
}
