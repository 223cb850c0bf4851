package io.mtl4j.cli.report;

import io.mtl4j.analysis.GroupComparison;
import io.mtl4j.analysis.PairwiseTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relate report's sections that trained extra models: pairwise transfer gains with their seed spread (the
 * heatmap is among the measures) and grouped vs all-in-one vs single-task on held-out rows.
 */
public final class TrainedRelationsReport {
  private TrainedRelationsReport() {}

  /** Adds the sections of those that were run (non-null) to {@code report}. */
  public static Report add(Report report, PairwiseTransfer transfer, GroupComparison groups) {
    if (transfer != null) transfer(report, transfer);
    if (groups != null) groups(report, groups);
    return report;
  }

  private static void transfer(Report report, PairwiseTransfer p) {
    List<String> tasks = p.gain().tasks();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      for (int j = 0; j < tasks.size(); j++) {
        if (i == j) continue;
        rows.add(List.of(tasks.get(i), tasks.get(j), pm(p.gain().get(i, j), p.spread().get(i, j))));
      }
    }
    report.table("Pairwise transfer over " + p.seeds().size() + " seeds: the gain of the task scored when trained "
        + "with the partner (% over its single-task model, validation rows; mean ± sd)",
        List.of("partner", "task scored", "gain %"), rows);
  }

  private static void groups(Report report, GroupComparison c) {
    List<String> header = new ArrayList<>(List.of("task", "served by"));
    c.schemes().keySet().forEach(s -> header.add(s + " (score)"));
    c.schemes().keySet().stream().skip(1).forEach(s -> header.add(s + " gain %"));
    List<List<String>> rows = new ArrayList<>();
    for (int task = 0; task < c.tasks().size(); task++) {
      int j = task;
      List<String> row = new ArrayList<>(List.of(c.tasks().get(j), members(c, c.servedBy()[j])));
      for (GroupComparison.Scheme s : c.schemes().values()) row.add(pm(s.mean()[j], s.spread()[j]));
      c.schemes().values().stream().skip(1).forEach(s -> row.add(RelatednessReport.num(s.gain()[j])));
      rows.add(row);
    }
    List<String> mean = new ArrayList<>(List.of("mean gain %", ""));
    c.schemes().values().forEach(s -> mean.add(""));
    c.schemes().values().stream().skip(1).forEach(s -> mean.add(RelatednessReport.num(s.meanGain())));
    rows.add(mean);
    report.table("Grouped vs all-in-one vs single-task on held-out rows over " + c.seeds().size() + " seeds (primary "
        + "metric, negated where lower is better; each task served by the group scoring it best on validation rows)",
        header, rows);
  }

  private static String members(GroupComparison c, int group) {
    List<String> names = new ArrayList<>();
    for (int j : c.groups().get(group)) names.add(c.tasks().get(j));
    return "{" + String.join(", ", names) + "}";
  }

  /** Four significant digits: held-out scores of different schemes often differ in the fourth. */
  private static String pm(double mean, double spread) {
    String m = String.format(Locale.ROOT, "%.4g", mean);
    return Double.isNaN(spread) ? m : m + String.format(Locale.ROOT, " ± %.2g", spread);
  }
}
