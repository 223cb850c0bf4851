package io.mtl4j.cli.report;

import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report: run summary, final metrics table, learning curves (one quantity per plot), plots of
 * the predictions on the test rows, and for comparisons a table and charts (mean ± std over seeds). Each plot is kept
 * as data ({@link #plots()}) and drawn as a PNG data URI with a caption, so the page works offline.
 */
public final class Report {
  private final String title;
  private final List<String[]> summary = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();
  private final List<Plot> plots = new ArrayList<>();

  public Report(String title) {
    this.title = title;
  }

  public Report fact(String name, String value) {
    summary.add(new String[] {name, value});
    return this;
  }

  /** The final metrics of one model. */
  public Report metrics(String heading, Evaluation e) {
    StringBuilder sb = new StringBuilder("<h2>").append(esc(heading)).append("</h2><table><tr><th>task</th>");
    List<String> metrics = e.metricNames();
    for (String m : metrics) sb.append("<th>").append(esc(m)).append("</th>");
    sb.append("</tr>");
    for (String t : e.tasks()) {
      // An auxiliary task's row stays, marked: the average below leaves it out.
      sb.append("<tr><td>").append(esc(t)).append(e.isAuxiliary(t) ? " (auxiliary)" : "").append("</td>");
      for (String m : metrics) sb.append("<td>").append(e.has(t, m) ? num(e.value(t, m)) : "").append("</td>");
      sb.append("</tr>");
    }
    sb.append("<tr class=avg><td>average</td>");
    for (String m : metrics) sb.append("<td>").append(num(e.average(m))).append("</td>");
    sections.add(sb.append("</tr></table>").toString());
    return this;
  }

  /**
   * Learning curves of one or more models (compared on the same tasks): per task the training loss and each validation
   * metric on axes of their own, the validation score, the task weights; each model's best epoch marked.
   */
  public Report curves(Map<String, TrainingResult> byModel, List<String> tasks) {
    StringBuilder note = new StringBuilder("Best epoch (its weights were kept): ");
    byModel.forEach((model, r) -> note.append(byModel.size() > 1 ? model + " " : "").append(r.bestEpoch() + 1)
        .append(" of ").append(r.epochs().size()).append("; "));
    note.append(EpochRecord.SCORE_MEANING).append('.');
    return plots("Training curves", TrainingPlots.of(byModel, tasks), note.toString());
  }

  /**
   * Predicted vs actual and residuals of the first model (regression); ROC, precision-recall and calibration with a
   * line per model (binary). {@code byModel}: model → its tasks' predictions on the same {@code rows}.
   */
  public Report testPlots(String heading, Map<String, List<Predictions>> byModel, String rows) {
    return plots(heading, TestPlots.of(byModel, rows), "");
  }

  /** Heatmaps of T×T matrices under one heading (their labels already in display order). */
  public Report heatmaps(String heading, List<HeatPlot> drawn, String note) {
    return plots(heading, List.copyOf(drawn), note);
  }

  /** A plain table: a header row, then rows of cells (text, escaped here). */
  public Report table(String heading, List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder("<h2>").append(esc(heading)).append("</h2><table><tr>");
    for (String h : header) sb.append("<th>").append(esc(h)).append("</th>");
    sb.append("</tr>");
    for (List<String> row : rows) {
      sb.append("<tr>");
      for (String cell : row) sb.append("<td>").append(esc(cell)).append("</td>");
      sb.append("</tr>");
    }
    sections.add(sb.append("</table>").toString());
    return this;
  }

  /** Per test metric, each model's mean ± std over seeds per task; {@code runs}: model → one evaluation per seed. */
  public Report comparisonPlots(Map<String, List<Evaluation>> runs) {
    return plots("Comparison charts (test)", ComparisonPlots.of(runs), "");
  }

  /** Δm% per model against {@code baseline}, over seeds, explained by {@code meaning}. */
  public Report deltaMPlot(String baseline, Map<String, List<Double>> deltaM, String meaning) {
    if (deltaM.isEmpty()) return this;
    return plots("", List.of(ComparisonPlots.deltaM(baseline, deltaM, meaning)), "");
  }

  private Report plots(String heading, List<Plot> drawn, String note) {
    if (drawn.isEmpty()) return this;
    StringBuilder sb = new StringBuilder(heading.isEmpty() ? "" : "<h2>" + esc(heading) + "</h2>");
    if (!note.isEmpty()) sb.append("<p class=note>").append(esc(note)).append("</p>");
    sb.append("<div class=grid>");
    for (Plot p : drawn) {
      plots.add(p);
      sb.append("<figure><img alt=\"").append(esc(p.title())).append("\" src=\"").append(Charts.png(p))
          .append("\"><figcaption>").append(esc(p.caption())).append("</figcaption></figure>");
    }
    sections.add(sb.append("</div>").toString());
    return this;
  }

  /** The plots drawn so far, in page order: the report's content for readers that cannot see pictures (tests). */
  public List<Plot> plots() {
    return List.copyOf(plots);
  }

  /**
   * Mean ± std over seeds: rows are models, columns task/metric; {@code values} maps model → column → per-seed values.
   */
  public Report comparison(List<String> columns, Map<String, Map<String, List<Double>>> values, int seeds) {
    return comparison(columns, values, seeds, "seeds");
  }

  /** As above, over {@code count} {@code unit} (e.g. "splits" for classical models on fixed splits). */
  public Report comparison(List<String> columns, Map<String, Map<String, List<Double>>> values, int count, String unit) {
    StringBuilder sb = new StringBuilder("<h2>Comparison (test, ").append(count == 1 ? "one of " : "mean ± std over ")
        .append(count).append(' ').append(esc(unit)).append(")</h2><table><tr><th>model</th>");
    for (String c : columns) sb.append("<th>").append(esc(c)).append("</th>");
    sb.append("</tr>");
    values.forEach((model, cols) -> {
      sb.append("<tr><td>").append(esc(model)).append("</td>");
      for (String c : columns) {
        List<Double> v = cols.getOrDefault(c, List.of());
        sb.append("<td>").append(v.isEmpty() ? "" : meanStd(v)).append("</td>");
      }
      sb.append("</tr>");
    });
    sections.add(sb.append("</table>").toString());
    return this;
  }

  /** A bar chart of one column of {@link #comparison}'s values: mean per model with ±std error bars. */
  public Report bars(String column, Map<String, Map<String, List<Double>>> values, int count, String unit) {
    List<String> models = new ArrayList<>();
    List<double[]> stats = new ArrayList<>();
    values.forEach((model, cols) -> {
      List<Double> v = cols.getOrDefault(column, List.of());
      if (v.isEmpty()) return;
      models.add(model);
      stats.add(new double[] {mean(v), std(v)});
    });
    if (models.isEmpty()) return this;
    double[][] ms = {stats.stream().mapToDouble(s -> s[0]).toArray(), stats.stream().mapToDouble(s -> s[1]).toArray()};
    Map<String, double[][]> series = Map.of(column, ms);
    return plots("", List.of(new BarPlot(column + " (" + ComparisonPlots.over(count, unit) + ")", column, models, series,
        "Test " + column + " per model" + (count > 1 ? "; error bars: ± the standard deviation over " + count + " " + unit : "")
            + ComparisonPlots.lowBar(series) + ".")), "");
  }

  public static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Sample standard deviation (n - 1), 0 for one value. */
  public static double std(List<Double> v) {
    double m = mean(v);
    double ss = v.stream().mapToDouble(d -> (d - m) * (d - m)).sum();
    return v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
  }

  /** "mean ± std"; just the value when there is one (a standard deviation of one value means nothing). */
  public static String meanStd(List<Double> v) {
    if (v.size() == 1) return String.format(Locale.ROOT, "%.4f", v.get(0));
    return String.format(Locale.ROOT, "%.4f ± %.4f", mean(v), std(v));
  }

  public String html() {
    StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=utf-8><title>").append(esc(title))
        .append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0;display:block;overflow-x:auto;max-width:100%}"
            + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right;white-space:nowrap}table.facts td{text-align:left;white-space:normal}td:first-child,th:first-child{text-align:left}"
            + "tr.avg{font-weight:bold}.grid{display:flex;flex-wrap:wrap;gap:8px}.grid img{border:1px solid #eee}figure{margin:0;width:min-content}figcaption{font-size:13px;color:#555;margin:4px 2px 10px}"
            + ".note{color:#666}h2{margin-top:28px}</style></head><body><h1>").append(esc(title)).append("</h1><table class=facts>");
    for (String[] f : summary) sb.append("<tr><th>").append(esc(f[0])).append("</th><td>").append(esc(f[1])).append("</td></tr>");
    sb.append("</table>");
    for (String s : sections) sb.append(s);
    return sb.append("<p class=note>Written by mtl4j.</p></body></html>\n").toString();
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
