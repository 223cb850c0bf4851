package io.mtl4j.cli.report;

import io.mtl4j.metrics.Evaluation;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A self-contained HTML report: run summary, final metrics table, training curves per task (train loss and
 * validation metric) and of the task weights the method applied, ROC and precision-recall curves of binary tasks, and a comparison table (mean ± std over seeds).
 * Plots are PNG data URIs, so the page works offline.
 */
public final class Report {
  private final String title;
  private final List<String[]> summary = new ArrayList<>();
  private final List<String> sections = new ArrayList<>();

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
      sb.append("<tr><td>").append(esc(t)).append("</td>");
      for (String m : metrics) sb.append("<td>").append(e.has(t, m) ? num(e.value(t, m)) : "").append("</td>");
      sb.append("</tr>");
    }
    sb.append("<tr class=avg><td>average</td>");
    for (String m : metrics) sb.append("<td>").append(num(e.average(m))).append("</td>");
    sections.add(sb.append("</tr></table>").toString());
    return this;
  }

  /** Per task: training loss and the validation metrics by epoch. */
  public Report curves(String model, List<String> tasks, TrainingResult result) {
    StringBuilder sb = new StringBuilder("<h2>Training curves").append(model.isEmpty() ? "" : " — " + esc(model)).append("</h2><div class=grid>");
    List<EpochRecord> epochs = result.epochs();
    double[] x = new double[epochs.size()];
    for (int i = 0; i < x.length; i++) x[i] = i + 1;
    for (int t = 0; t < tasks.size(); t++) {
      String task = tasks.get(t);
      Map<String, double[][]> loss = new LinkedHashMap<>();
      double[] train = new double[x.length];
      for (int i = 0; i < x.length; i++) train[i] = epochs.get(i).trainLoss()[t];
      loss.put("train loss", new double[][] {x, train});
      Map<String, double[][]> valid = new LinkedHashMap<>();
      Evaluation first = epochs.isEmpty() ? null : epochs.get(0).validation();
      if (first != null && first.tasks().contains(task)) {
        for (String m : first.metrics(task)) {
          double[] v = new double[x.length];
          for (int i = 0; i < x.length; i++) v[i] = epochs.get(i).validation().value(task, m);
          boolean isLoss = m.equals("logloss") || m.equals("mse") || m.equals("mae") || m.equals("rmse");
          (isLoss ? loss : valid).put("valid " + m, new double[][] {x, v});
        }
      }
      sb.append(img(Charts.lines(task + ": loss", "epoch", "loss", loss)));
      if (!valid.isEmpty()) sb.append(img(Charts.lines(task + ": validation", "epoch", "metric", valid,
          org.knowm.xchart.style.Styler.LegendPosition.InsideSE)));
    }
    Map<String, double[][]> weights = taskWeights(tasks, epochs, x);
    if (!weights.isEmpty()) {
      sb.append(img(Charts.lines("task weights (mean per epoch)", "epoch", "weight", weights), "task weights"));
    }
    sb.append("</div><p class=note>Best epoch ").append(result.bestEpoch() + 1).append(" of ").append(epochs.size())
        .append(" (its weights were restored).</p>");
    sections.add(sb.toString());
    return this;
  }

  /** One line per task: the mean weight the method applied in each epoch (tasks never weighted are left out). */
  private static Map<String, double[][]> taskWeights(List<String> tasks, List<EpochRecord> epochs, double[] x) {
    Map<String, double[][]> lines = new LinkedHashMap<>();
    for (int t = 0; t < tasks.size(); t++) {
      double[] w = new double[x.length];
      boolean any = false;
      for (int i = 0; i < x.length; i++) {
        w[i] = epochs.get(i).taskWeights()[t];
        any |= Double.isFinite(w[i]);
      }
      if (any) lines.put(tasks.get(t), new double[][] {x, w});
    }
    return lines;
  }

  /** ROC and precision-recall curves per binary task. */
  public Report binaryCurves(Map<String, Curves> byTask) {
    if (byTask.isEmpty()) return this;
    StringBuilder sb = new StringBuilder("<h2>ROC and precision-recall curves (test)</h2><div class=grid>");
    byTask.forEach((task, c) -> {
      Map<String, double[][]> roc = Charts.one("ROC", c.fpr(), c.tpr());
      roc.put("chance", new double[][] {{0, 1}, {0, 1}});
      sb.append(img(Charts.lines(task + ": ROC", "false positive rate", "true positive rate", roc,
          org.knowm.xchart.style.Styler.LegendPosition.InsideSE)));
      sb.append(img(Charts.lines(task + ": precision-recall", "recall", "precision", Charts.one("PR", c.recall(), c.precision()),
          org.knowm.xchart.style.Styler.LegendPosition.InsideSW)));
    });
    sections.add(sb.append("</div>").toString());
    return this;
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
  public Report bars(String column, Map<String, Map<String, List<Double>>> values) {
    List<String> models = new ArrayList<>();
    List<double[]> stats = new ArrayList<>();
    values.forEach((model, cols) -> {
      List<Double> v = cols.getOrDefault(column, List.of());
      if (v.isEmpty()) return;
      models.add(model);
      stats.add(new double[] {mean(v), std(v)});
    });
    if (models.isEmpty()) return this;
    double[] mean = stats.stream().mapToDouble(s -> s[0]).toArray();
    double[] std = stats.stream().mapToDouble(s -> s[1]).toArray();
    sections.add("<div class=grid>" + img(Charts.bars(column + " (mean ± std)", column, models, mean, std)) + "</div>");
    return this;
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
        .append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}"
            + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left}"
            + "tr.avg{font-weight:bold}.grid{display:flex;flex-wrap:wrap;gap:8px}.grid img{border:1px solid #eee}"
            + ".note{color:#666}h2{margin-top:28px}</style></head><body><h1>").append(esc(title)).append("</h1><table>");
    for (String[] f : summary) sb.append("<tr><th>").append(esc(f[0])).append("</th><td>").append(esc(f[1])).append("</td></tr>");
    sb.append("</table>");
    for (String s : sections) sb.append(s);
    return sb.append("<p class=note>Written by mtl4j.</p></body></html>\n").toString();
  }

  private static String img(String uri) {
    return "<img alt=chart src=\"" + uri + "\">";
  }

  private static String img(String uri, String alt) {
    return "<img alt=\"" + esc(alt) + "\" src=\"" + uri + "\">";
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
