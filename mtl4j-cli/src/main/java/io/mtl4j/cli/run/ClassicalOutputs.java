package io.mtl4j.cli.run;

import io.mtl4j.classical.ComparisonRow;
import io.mtl4j.cli.report.Report;
import io.mtl4j.io.ClassicalModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code compare} writes for classical models besides {@code comparison.csv}, as for deep models:
 * {@code metrics.json} (mean ± std over splits), {@code models/NAME.mtl4j} (each model as fitted on the first split)
 * and {@code report.html} (comparison table and bar charts, offline).
 */
final class ClassicalOutputs {
  /** Test metrics summarised per model, from the {@code average} rows; a model has the ones of its loss. */
  static final List<String> METRICS = List.of("rmse", "explained-variance", "accuracy");

  private ClassicalOutputs() {}

  /** Writes the three outputs into {@code o}. */
  static void write(Outputs o, String source, ClassicalComparison.Result result, int splits) {
    write(o, source, result, splits, ModelStore.key());
  }

  /** As above, saving the models under {@code key} (null: none). */
  static void write(Outputs o, String source, ClassicalComparison.Result result, int splits,
                    io.mtl4j.io.ModelKey key) {
    Map<String, Map<String, List<Double>>> table = table(result.rows());
    o.writeJson("metrics.json", metrics(table, splits));
    saveModels(o.path("models"), result.firstSplit(), key);
    o.writeText("report.html", report(source, table, splits).html());
  }

  /** model → "average METRIC" → one value per split, in split order. */
  static Map<String, Map<String, List<Double>>> table(List<ComparisonRow> rows) {
    Map<String, Map<String, List<Double>>> table = new LinkedHashMap<>();
    for (ComparisonRow r : rows) {
      Map<String, List<Double>> cols = table.computeIfAbsent(r.model(), k -> new LinkedHashMap<>());
      if (r.task().equals("average") && METRICS.contains(r.metric())) {
        cols.computeIfAbsent(column(r.metric()), k -> new ArrayList<>()).add(r.value());
      }
    }
    return table;
  }

  static String column(String metric) {
    return "average " + metric;
  }

  /** The same layout as the deep {@code compare}'s metrics.json: test → model → column → {mean, std, values}. */
  static Map<String, Object> metrics(Map<String, Map<String, List<Double>>> table, int splits) {
    Map<String, Object> test = new LinkedHashMap<>();
    table.forEach((model, cols) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      cols.forEach((c, v) -> {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mean", Report.mean(v));
        s.put("std", Report.std(v));
        s.put("values", v);
        m.put(c, s);
      });
      test.put(model, m);
    });
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "compare");
    metrics.put("kind", ClassicalModelFile.KIND);
    metrics.put("splits", splits);
    metrics.put("test", test);
    return metrics;
  }

  /** {@code dir/NAME.mtl4j} per model (linear or MT-SVM) with the options it was fitted with. */
  static void saveModels(Path dir, Map<String, ClassicalComparison.Fit> fits, io.mtl4j.io.ModelKey key) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    fits.forEach((name, f) -> ClassicalModelFile.save(dir.resolve(name + ".mtl4j"), f.model(), f.options(), key));
  }

  static Report report(String source, Map<String, Map<String, List<Double>>> table, int splits) {
    List<String> columns = new ArrayList<>();
    for (String m : METRICS) {
      if (table.values().stream().anyMatch(c -> c.containsKey(column(m)))) columns.add(column(m));
    }
    Report report = new Report("mtl4j compare (classical)")
        .fact("config", source)
        .fact("models", String.join(", ", table.keySet()))
        .fact("splits", String.valueOf(splits))
        .fact("model files", "models/NAME.mtl4j, fitted on the first split")
        .comparison(columns, table, splits, "splits");
    for (String c : columns) report.bars(c, table, splits, "splits");
    return report;
  }
}
