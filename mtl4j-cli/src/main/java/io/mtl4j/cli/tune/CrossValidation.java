package io.mtl4j.cli.tune;

import io.mtl4j.cli.config.ConfigTree;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.Report;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.metrics.Evaluation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * k-fold cross-validation ({@code data.split.method: kfold} with {@code crossValidate: true}): fold k's config is the
 * file's with {@code data.split.fold: k}, split with the run seed, so the folds' test parts partition the rows (whole
 * groups of {@code data.split.column} when given) and each fold's validation rows are carved from its own training
 * rows. Results are kept per fold and aggregated as mean ± sample std over folds.
 */
public final class CrossValidation {
  private CrossValidation() {}

  public static boolean requested(RunConfig config) {
    RunConfig.Split s = config.data().split();
    return s != null && Boolean.TRUE.equals(s.crossValidate());
  }

  /**
   * The number of folds of a cross-validating config.
   *
   * @throws IllegalArgumentException when the split is not k-fold, names one fold, or files fix the parts
   */
  public static int folds(RunConfig config) {
    RunConfig.Split s = config.data().split();
    if (!"kfold".equals(s.method())) {
      throw new IllegalArgumentException("data.split.crossValidate needs data.split.method kfold, got " + s.method());
    }
    if (s.fold() != null) {
      throw new IllegalArgumentException("data.split.crossValidate runs every fold: leave out data.split.fold = " + s.fold());
    }
    if (config.data().valid() != null || config.data().test() != null) {
      throw new IllegalArgumentException("data.split.crossValidate makes each fold's test part: leave out data.valid/data.test");
    }
    return s.folds() == null ? 5 : s.folds();
  }

  /** The loaded data with fold {@code k}'s (0-based) config; its split is made by {@code prepare(seed)}. */
  public static Experiment.Loaded fold(ConfigTree tree, Experiment.Loaded loaded, int k) {
    RunConfig c = tree.with("data.split.fold", k).bind();
    return new Experiment.Loaded(c, loaded.table(), loaded.fixed(), loaded.taskRows(), loaded.readSeconds());
  }

  /**
   * Per (task, metric), and per metric averaged over tasks ("average"): each fold's value, their mean and sample std.
   */
  public static Map<String, Object> aggregate(List<Evaluation> folds) {
    Map<String, Object> out = new LinkedHashMap<>();
    Evaluation first = folds.get(0);
    for (String t : first.tasks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (String metric : first.metrics(t)) m.put(metric, stats(folds.stream().map(e -> e.value(t, metric)).toList()));
      out.put(t, m);
    }
    Map<String, Object> avg = new LinkedHashMap<>();
    for (String metric : first.metricNames()) avg.put(metric, stats(folds.stream().map(e -> e.average(metric)).toList()));
    out.put("average", avg);
    return out;
  }

  /** {@code {mean, std, values}}; non-finite values are written as null. */
  public static Map<String, Object> stats(List<Double> values) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", finite(Report.mean(values)));
    m.put("std", finite(Report.std(values)));
    m.put("values", values.stream().map(CrossValidation::finite).toList());
    return m;
  }

  /** Column "task metric" (and "average metric") → each fold's value, as {@link Report#comparison} shows them. */
  public static Map<String, List<Double>> columns(List<Evaluation> folds) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (Evaluation e : folds) {
      for (String t : e.tasks()) {
        for (String m : e.metrics(t)) out.computeIfAbsent(t + " " + m, k -> new ArrayList<>()).add(e.value(t, m));
      }
      if (e.tasks().size() > 1) {
        for (String m : e.metricNames()) out.computeIfAbsent("average " + m, k -> new ArrayList<>()).add(e.average(m));
      }
    }
    return out;
  }

  private static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
