package io.mtl4j.cli.run;

import io.mtl4j.classical.ComparisonRow;
import io.mtl4j.classical.ComparedModel;
import io.mtl4j.classical.TrainTestSplit;
import io.mtl4j.classical.Tuner;
import io.mtl4j.cli.config.RunConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mtl4j compare} on a config with a {@code classical} section: linear multi-task models on fixed splits. Writes
 * OUT/comparison.csv, metrics.json, report.html and models/NAME.mtl4j (split 1), as the deep compare does.
 */
public final class ClassicalCompare {
  private ClassicalCompare() {}

  public static int run(Path configFile, RunConfig cfg, Path dataDir, Path out, io.mtl4j.io.ModelKey key) {
    RunConfig.Classical c = cfg.classical();
    if (c.models() == null || c.models().isEmpty()) {
      throw new IllegalArgumentException(configFile + ": key 'classical.models' is missing or empty");
    }
    List<ComparedModel> models = new ArrayList<>();
    for (RunConfig.ClassicalModel m : c.models()) {
      if (m.formulation() == null) {
        throw new IllegalArgumentException(configFile + ": classical.models '" + m.name() + "' has no 'formulation'");
      }
      Map<String, Object> options = m.options() == null ? Map.of() : new LinkedHashMap<>(m.options());
      models.add(new ComparedModel(m.name() == null ? m.formulation() : m.name(), m.formulation(), options));
    }
    List<TrainTestSplit> splits = splits(configFile, c.splits(), dataDir == null ? Path.of(".") : dataDir);
    int threads = c.threads() == null || c.threads() == 0 ? Runtime.getRuntime().availableProcessors()
        : io.mtl4j.train.ThreadLimit.check("classical.threads", c.threads());
    long start = System.nanoTime();
    ClassicalComparison.Result result = ClassicalComparison.runKeepingFirstSplit(models, splits,
        new ClassicalComparison.Options(threads, false, Tuner.Options.defaults()));
    List<ComparisonRow> rows = result.rows();
    StringBuilder csv = new StringBuilder(ComparisonRow.HEADER).append('\n');
    for (ComparisonRow r : rows) csv.append(r.toCsv()).append('\n');
    Outputs o = Outputs.create(out);
    o.writeText("comparison.csv", csv.toString());
    ClassicalOutputs.write(o, configFile.toString(), result, splits.size(), key);
    System.out.print(summary(rows, models));
    System.out.printf(Locale.ROOT, "%d models × %d splits in %.1f s → %s, metrics.json, report.html, models/%n",
        models.size(), splits.size(), (System.nanoTime() - start) / 1e9, o.path("comparison.csv"));
    return 0;
  }

  private static List<TrainTestSplit> splits(Path configFile, String name, Path dataDir) {
    if (!"school-cikm2019".equals(name)) {
      throw new IllegalArgumentException(configFile + ": classical.splits = '" + name + "', expected one of "
          + "[school-cikm2019]");
    }
    if (!Files.isDirectory(dataDir.resolve("splits-cikm2019"))) {
      throw new IllegalArgumentException("--data-dir " + dataDir + ": no splits-cikm2019 directory (School data set)");
    }
    return TrainTestSplit.school(dataDir);
  }

  /** Mean over splits of every model's average RMSE and explained variance. */
  private static String summary(List<ComparisonRow> rows, List<ComparedModel> models) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s %10s %18s%n", "model", "mean rmse",
        "explained variance"));
    for (ComparedModel m : models) {
      sb.append(String.format(Locale.ROOT, "%-18s %10.4f %18.4f%n", m.name(), mean(rows, m.name(), "rmse"),
          mean(rows, m.name(), "explained-variance")));
    }
    return sb.toString();
  }

  private static double mean(List<ComparisonRow> rows, String model, String metric) {
    return rows.stream().filter(r -> r.model().equals(model) && r.task().equals("average") && r.metric().equals(metric))
        .mapToDouble(ComparisonRow::value).average().orElse(Double.NaN);
  }
}
