package io.mtl4j.cli.report;

import io.mtl4j.analysis.LearnedRelations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relate report's section on the linear models' relations (their heatmaps are among the measures): the clusters
 * of clustered MTL, how they were chosen, each task's linear validation score and the tasks left out, with why.
 */
public final class LearnedRelationsReport {
  private LearnedRelationsReport() {}

  public static Report add(Report report, LearnedRelations learned) {
    if (!learned.fitted()) {
      report.fact("learned relations (MTRL, clustered MTL)", "skipped: " + learned.skipped());
    } else {
      report.fact("learned clusters (clustered MTL)", learned.clusters() + String.format(Locale.ROOT,
          " (k = %d by the eigen-gap of the MTRL correlation; MTRL λ2 = %.3g per row by validation)", learned.k(),
          learned.lambda2()));
    }
    List<List<String>> rows = new ArrayList<>();
    learned.validation().forEach((task, score) -> rows.add(List.of(task, RelatednessReport.num(score),
        learned.excluded().getOrDefault(task, "fitted"))));
    learned.excluded().forEach((task, reason) -> {
      if (!learned.validation().containsKey(task)) rows.add(List.of(task, "–", reason));
    });
    return report.table("Learned relations: linear fit per task (validation R² for regression, AUC for binary; a "
        + "task enters MTRL and clustered MTL only if a linear model predicts it)", List.of("task", "score", "used"), rows);
  }
}
