package io.mtl4j.cli.report;

import io.mtl4j.analysis.LearnedRelations;
import io.mtl4j.analysis.PairFlags;
import io.mtl4j.analysis.Relatedness;
import io.mtl4j.analysis.TaskGrouping;
import io.mtl4j.analysis.TaskMatrix;
import io.mtl4j.analysis.TaskOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The relate report: a heatmap per measure (tasks in clustered order, so related tasks form blocks), the pairwise
 * table with the evidence behind each value, the measures' agreement, and the recommended grouping with the affinity
 * each task is predicted to receive.
 */
public final class RelatednessReport {
  private static final Map<String, String> MEANING = Map.of(
      "pearson", "Pearson correlation of the labels (regression, binary) on co-labelled rows",
      "spearman", "Spearman rank correlation of the labels on co-labelled rows",
      "mutualInformation", "mutual information of the labels in nats (regression targets in 10 quantile bins)",
      "cramersV", "Cramér's V of the labels (regression targets in 10 quantile bins), unsigned; between two binary "
          + "labels the signed φ coefficient, of which V is the magnitude",
      "gradientCosine", "mean cosine of the per-task gradients on the shared parameters over sampled steps",
      "magnitudeRatio", "geometric mean of ‖g_row‖/‖g_column‖ over sampled steps",
      "affinity", "TAG inter-task affinity: 1 − L_column(θ − η·g_row)/L_column(θ), mean over sampled steps",
      "transferGain", "pairwise transfer: % gain of the column task's validation metric trained with the row task, "
          + "over its single-task model (mean over seeds)",
      LearnedRelations.CORRELATION, "MTRL: correlation of the learned task covariance Ω of a linear model (Zhang & "
          + "Yeung, 2010); blank for tasks a linear model does not predict",
      LearnedRelations.CO_CLUSTER, "clustered MTL: its cluster matrix M scaled to unit diagonal (1 same cluster, 0 "
          + "unrelated, −1 opposed; Zhou, Chen & Ye, 2011)");

  private RelatednessReport() {}

  public static Report of(Relatedness r, String title) {
    Report report = new Report(title);
    List<String> tasks = r.measures().get("affinity").tasks();
    report.fact("tasks", tasks.toString())
        .fact("sampled steps", r.gradients().samples() + " of " + r.training().steps() + String.format(Locale.ROOT,
            " (probe %.1f s of %.1f s training)", r.gradients().seconds(), r.training().seconds()))
        .fact("recommended groups", r.groupNames().toString())
        .fact("predicted total " + r.groupedBy(), String.format(Locale.ROOT, "%.4g (one model for all: %.4g; one per task: 0)",
            r.grouping().score(), r.allInOne()));
    List<HeatPlot> plots = new ArrayList<>();
    r.measures().forEach((name, m) -> plots.add(heat(m, name, MEANING.getOrDefault(name, name))));
    report.heatmaps("Measures", plots, "Tasks ordered by average-linkage clustering of each measure, so related tasks "
        + "sit side by side; the diagonal (a task with itself) is left blank. Affinity and magnitude ratio are directed: "
        + "row acts on column.");
    grouping(report, r, tasks);
    pairs(report, r, tasks);
    flagged(report, r);
    List<List<String>> agreement = new ArrayList<>();
    r.agreement().forEach((k, v) -> agreement.add(List.of(k, num(v))));
    report.table("Agreement between measures (Spearman ρ over task pairs)", List.of("measures", "ρ"), agreement);
    List<HeatPlot> layers = new ArrayList<>();
    r.gradients().cosineByLayer().forEach((layer, m) -> layers.add(heat(m, "gradient cosine, " + layer,
        "mean cosine of the per-task gradients on the parameters of shared layer " + layer)));
    return report.heatmaps("Gradient cosine per shared layer", layers, "");
  }

  private static HeatPlot heat(TaskMatrix m, String title, String caption) {
    int[] order = TaskOrder.clustered(m.symmetrised());
    double[][] v = new double[order.length][order.length];
    List<String> labels = new ArrayList<>();
    for (int a = 0; a < order.length; a++) {
      labels.add(m.tasks().get(order[a]));
      for (int b = 0; b < order.length; b++) v[a][b] = a == b ? Double.NaN : m.values()[order[a]][order[b]];
    }
    return new HeatPlot(title, labels, v, caption + ".");
  }

  private static void grouping(Report report, Relatedness r, List<String> tasks) {
    double[][] a = r.measures().get(r.groupedBy()).values();
    List<List<String>> rows = new ArrayList<>();
    for (int g = 0; g < r.grouping().groups().size(); g++) {
      int[] members = r.grouping().groups().get(g);
      double[] onto = TaskGrouping.perTask(a, members);
      List<String> served = new ArrayList<>();
      for (int j : members) {
        if (r.grouping().servedBy()[j] == g) served.add(tasks.get(j) + String.format(Locale.ROOT, " (%.3g)", onto[j]));
      }
      rows.add(List.of(String.valueOf(g + 1), names(members, tasks), String.join(", ", served)));
    }
    report.table("Recommended grouping (by " + r.groupedBy() + ")", List.of("model", "trained on",
        "serves (" + r.groupedBy() + " it receives)"), rows);
  }

  private static void pairs(Report report, Relatedness r, List<String> tasks) {
    List<String> header = new ArrayList<>(List.of("task pair"));
    r.measures().keySet().forEach(header::add);
    header.add("co-labelled rows");
    header.add("sampled steps");
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      for (int j = i + 1; j < tasks.size(); j++) {
        List<String> row = new ArrayList<>(List.of(tasks.get(i) + " – " + tasks.get(j)));
        for (TaskMatrix m : r.measures().values()) {
          row.add(m.symmetric() ? num(m.get(i, j)) : num(m.get(i, j)) + " / " + num(m.get(j, i)));
        }
        row.add(String.valueOf(r.measures().get("pearson").counts()[i][j]));
        row.add(String.valueOf(r.measures().get("affinity").counts()[i][j]));
        rows.add(row);
      }
    }
    report.table("Task pairs (directed measures: row→column / column→row)", header, rows);
  }

  private static void flagged(Report report, Relatedness r) {
    List<List<String>> rows = new ArrayList<>();
    for (PairFlags rule : PairFlags.rules(r.measures().keySet())) {
      List<String> pairs = rule.pairs(r.measures()).stream().map(p -> p.get(0) + " – " + p.get(1)).toList();
      rows.add(List.of(rule.measure(), rule.rule(), pairs.isEmpty() ? "none" : String.join(", ", pairs)));
    }
    report.table("Flagged pairs: each measure's rule and the pairs it flags", List.of("measure", "rule", "pairs"), rows);
  }

  private static String names(int[] members, List<String> tasks) {
    List<String> out = new ArrayList<>();
    for (int j : members) out.add(tasks.get(j));
    return String.join(", ", out);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3g", v);
  }
}
