package io.mtl4j.cli.report;

import io.mtl4j.metrics.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The comparison of models: per test metric, one bar per model for each task that has the metric (mean over seeds,
 * error bar ± the standard deviation over seeds), and Δm% per model.
 */
final class ComparisonPlots {
  private ComparisonPlots() {}

  /** {@code runs}: model → its evaluation on each seed's test rows (all models on the same seeds). */
  static List<Plot> of(Map<String, List<Evaluation>> runs) {
    List<Plot> plots = new ArrayList<>();
    if (runs.isEmpty()) return plots;
    int seeds = runs.values().iterator().next().size();
    Evaluation first = runs.values().iterator().next().get(0);
    for (String metric : first.metricNames()) {
      List<String> tasks = first.tasks().stream().filter(t -> first.has(t, metric)).toList();
      Map<String, double[][]> series = new LinkedHashMap<>();
      runs.forEach((model, evaluations) -> {
        double[][] ms = new double[2][tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
          String task = tasks.get(t);
          List<Double> v = evaluations.stream().map(e -> e.value(task, metric)).toList();
          ms[0][t] = Report.mean(v);
          ms[1][t] = Report.std(v);
        }
        series.put(model, ms);
      });
      boolean higher = first.score(tasks.get(0), metric).higherIsBetter();
      plots.add(new BarPlot("test " + metric + " per task (" + over(seeds, "seeds") + ")", metric, tasks, series,
          "Test " + metric + " of each model per task; " + TrainingPlots.direction(higher) + "; " + spread(seeds)
              + lowBar(series) + "."));
    }
    return plots;
  }

  /** Δm% per model (mean over seeds, ± its standard deviation); {@code meaning} says what Δm% is. */
  static Plot deltaM(String baseline, Map<String, List<Double>> deltaM, String meaning) {
    List<String> models = new ArrayList<>(deltaM.keySet());
    double[][] ms = new double[2][models.size()];
    for (int i = 0; i < models.size(); i++) {
      ms[0][i] = Report.mean(deltaM.get(models.get(i)));
      ms[1][i] = Report.std(deltaM.get(models.get(i)));
    }
    int seeds = deltaM.values().iterator().next().size();
    Map<String, double[][]> series = Map.of("Δm% vs " + baseline, ms);
    return new BarPlot("Δm% vs " + baseline + " (" + over(seeds, "seeds") + ")", "Δm%", models, series,
        meaning + "; " + spread(seeds) + lowBar(series) + ".");
  }

  /** "one seed" or "mean ± std over 5 seeds". */
  static String over(int count, String unit) {
    return count == 1 ? "one " + unit.substring(0, unit.length() - 1) : "mean ± std over " + count + " " + unit;
  }

  private static String spread(int seeds) {
    return seeds == 1 ? "one seed, so no error bars" : "error bars: ± the standard deviation over " + seeds + " seeds";
  }

  /** Says when the bars do not start at 0 ({@link Charts} raises the axis to keep close values apart). */
  static String lowBar(Map<String, double[][]> series) {
    double[] range = Charts.range(series);
    return range[0] > 0 && range[1] > range[0] ? "; the y axis starts near the lowest bar, not at 0" : "";
  }
}
