package io.mtl4j.cli;

import io.mtl4j.cli.run.Convergence;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.Report;
import io.mtl4j.cli.run.ClassicalCompare;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.metrics.DeltaM;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Trains every model (architecture × weighting) of a config over several seeds; all models of a seed share one split
 * and one fitted preprocessing. Writes OUT/comparison.csv ({@code model,seed,task,metric,value}), metrics.json,
 * report.html and the seed-1 models.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Compare single-task and multi-task models (architectures × weightings) over seeds on one config.")
final class CompareCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, required = true, description = "YAML run config (section 'compare' lists the models)") Path config;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = {"-o", "--out"}, required = true, description = "output directory (must be empty unless --force)") Path out;
  @Option(names = "--force", description = "write into a non-empty output directory") boolean force;
  @Option(names = "--seeds", description = "number of seeds (default: compare.seeds, else 5)") Integer seeds;
  @Option(names = "--models", split = ",", description = "architecture names to compare (default: compare.models)") List<String> models;
  @Option(names = "--weightings", split = ",", description = "weighting names (default: compare.weightings)") List<String> weightings;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    return Outputs.removedOnOutOfMemory(out, () -> compare(key));
  }

  private Integer compare(io.mtl4j.io.ModelKey key) {
    RunConfig cfg = ConfigLoader.load(config);
    Outputs.check(out, force);
    if (cfg.classical() != null) return ClassicalCompare.run(config, cfg, dataDir, out, key);
    List<RunConfig.Architecture> archs = architectures(cfg);
    List<String> ws = weightings != null ? weightings
        : cfg.compare() != null && cfg.compare().weightings() != null ? cfg.compare().weightings()
        : List.of(cfg.weighting() == null || cfg.weighting().name() == null ? "ew" : cfg.weighting().name());
    int n = seeds != null ? seeds : cfg.compare() != null && cfg.compare().seeds() != null ? cfg.compare().seeds() : 5;
    if (n < 1) throw new IllegalArgumentException("--seeds = " + n + ", expected ≥ 1");
    Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
    // Validate every model and weighting on the first seed's data before any training starts.
    Experiment first = loaded.prepare(1);
    for (RunConfig.Architecture a : archs) first.spec(a);
    for (String w : ws) new Trainer(first.training(1, w)).check(first.tasks());

    List<String> csv = new ArrayList<>(List.of("model,seed,task,metric,value"));
    Map<String, Map<String, List<Double>>> table = new LinkedHashMap<>();
    Map<String, TrainingResult> firstResults = new LinkedHashMap<>();
    Map<String, MultiTaskModel> firstModels = new LinkedHashMap<>();
    Map<String, List<Double>> deltaM = new LinkedHashMap<>();
    String baseline = cfg.compare() != null && cfg.compare().baseline() != null ? cfg.compare().baseline() : "single-task";
    List<String> columns = new ArrayList<>();
    List<String> taskNames = null;
    Outputs o = null;
    double trainSeconds = 0;
    for (int seed = 1; seed <= n; seed++) {
      Map<String, Evaluation> ofSeed = new LinkedHashMap<>();
      Experiment exp = seed == 1 ? first : loaded.prepare(seed);
      if (!exp.hasTest()) throw new IllegalArgumentException("compare needs test rows: set data.test or data.split.test > 0");
      for (RunConfig.Architecture a : archs) {
        // Single-task trains one network per task on that task's loss alone: a weighting has nothing to weigh, so
        // with several weightings it is trained once, with equal weighting, under its own name (the Δm% baseline).
        boolean single = exp.spec(a).architecture() instanceof io.mtl4j.arch.SingleTask.Options && ws.size() > 1;
        for (String w : single ? List.of("ew") : ws) {
          ModelSpec spec = exp.spec(a);
          String name = ws.size() == 1 || single ? spec.architecture().name() : spec.architecture().name() + "+" + w;
          TrainingConfig training = exp.training(seed, w);
          taskNames = spec.tasks().stream().map(Task::name).toList();
          MultiTaskModel model = MultiTaskModel.create(spec, seed);
          TrainingResult r = exp.fit(new Trainer(training, TrainingProgress.create(name + " s" + seed, taskNames, System.out, verbosity.value())), model);
          trainSeconds += r.seconds();
          String run = name + " s" + seed + ": ";
          Convergence.warning(r, training.epochs()).ifPresent(warning -> System.err.println(run + warning));
          Evaluation e = exp.evaluateFinal(model);
          ofSeed.put(name, e);
          Map<String, List<Double>> row = table.computeIfAbsent(name, k -> new LinkedHashMap<>());
          for (String t : e.tasks()) {
            for (String m : e.metrics(t)) {
              csv.add(String.join(",", name, String.valueOf(seed), t, m.toLowerCase(Locale.ROOT), num(e.value(t, m))));
              add(row, columns, t + " " + m, e.value(t, m));
            }
          }
          for (String m : e.metricNames()) {
            csv.add(String.join(",", name, String.valueOf(seed), "average", m.toLowerCase(Locale.ROOT), num(e.average(m))));
            add(row, columns, "average " + m, e.average(m));
          }
          if (seed == 1) {
            if (o == null) o = Outputs.create(out);
            firstResults.put(name, r);
            firstModels.put(name, model);
            ModelStore.save(o.path("models").resolve(name + ".mtl4j"), model, exp.preprocessing,
                TrainCommand.trainingMap(cfg, spec, training), null, seed, training.threads(), key);
          }
        }
      }
      // Δm% of each model against the baseline trained on the same split (see DeltaM for the definition).
      Evaluation base = ofSeed.get(baseline);
      if (base != null) ofSeed.forEach((m, e) -> deltaM.computeIfAbsent(m, k -> new ArrayList<>()).add(e.deltaM(base)));
    }
    if (!deltaM.isEmpty()) {
      String column = "Δm% vs " + baseline;
      columns.add(column);
      deltaM.forEach((m, v) -> table.get(m).put(column, v));
    }
    String summary = summary(columns, table, n);
    System.out.println();
    System.out.print(summary);
    if (!deltaM.isEmpty()) System.out.println(DeltaM.MEANING + "; baseline: " + baseline + " on the same seed's split");
    o.writeText("comparison.csv", String.join("\n", csv) + "\n");
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "compare");
    metrics.put("seeds", n);
    Map<String, Object> means = new LinkedHashMap<>();
    table.forEach((model, cols) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      cols.forEach((c, v) -> {
        if (!c.startsWith("Δm%")) m.put(c, Map.of("mean", mean(v), "std", std(v), "values", v));
      });
      means.put(model, m);
    });
    metrics.put("test", means);
    if (!deltaM.isEmpty()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      deltaM.forEach((m, v) -> dm.put(m, Map.of("mean", mean(v), "std", std(v), "values", v)));
      metrics.put("deltaMPercentVs" + baseline, dm);
    }
    metrics.put("timings", Map.of("readSeconds", loaded.readSeconds(), "trainSeconds", trainSeconds));
    o.writeJson("metrics.json", metrics);
    String main = firstModels.containsKey(mainName(cfg)) ? mainName(cfg) : firstModels.keySet().iterator().next();
    ModelStore.save(o.path("model.mtl4j"), firstModels.get(main), first.preprocessing,
        TrainCommand.trainingMap(cfg, firstModels.get(main).spec(), first.training(1, null)), null, 1, first.training(1, null).threads(), key);
    Report report = new Report("mtl4j compare")
        .fact("config", config.toString())
        .fact("models", String.join(", ", table.keySet()))
        .fact("seeds", String.valueOf(n))
        .fact("rows (train / valid / test), seed 1", first.trainRows() + " / " + first.validRows() + " / " + first.testRows());
    if (!deltaM.isEmpty()) report.fact("Δm% vs " + baseline, DeltaM.MEANING);
    report.comparison(columns, table, n);
    for (Map.Entry<String, TrainingResult> e : firstResults.entrySet()) report.curves(e.getKey() + ", seed 1", taskNames, e.getValue());
    report.binaryCurves(first.finalCurves(firstModels.get(main)));
    o.writeText("report.html", report.html());
    System.out.println("Wrote " + o.path("comparison.csv") + ", " + o.path("metrics.json") + ", " + o.path("report.html"));
    return 0;
  }

  private List<RunConfig.Architecture> architectures(RunConfig cfg) {
    List<RunConfig.Architecture> configured = cfg.compare() != null && cfg.compare().models() != null ? cfg.compare().models()
        : List.of(new RunConfig.Architecture("single-task", null, null), new RunConfig.Architecture("shared-bottom", null, null),
            cfg.architecture() != null ? cfg.architecture() : new RunConfig.Architecture("mmoe", null, null));
    if (models == null) return configured;
    List<RunConfig.Architecture> out = new ArrayList<>();
    for (String m : models) {
      out.add(configured.stream().filter(a -> m.equalsIgnoreCase(a.name())).findFirst()
          .orElse(new RunConfig.Architecture(m, null, cfg.architecture() == null ? null : cfg.architecture().head())));
    }
    return out;
  }

  private static String mainName(RunConfig cfg) {
    return cfg.architecture() == null || cfg.architecture().name() == null ? "mmoe" : cfg.architecture().name();
  }

  private static void add(Map<String, List<Double>> row, List<String> columns, String column, double v) {
    if (!columns.contains(column)) columns.add(column);
    row.computeIfAbsent(column, k -> new ArrayList<>()).add(v);
  }

  static String summary(List<String> columns, Map<String, Map<String, List<Double>>> table, int seeds) {
    StringBuilder sb = new StringBuilder(seeds == 1 ? "Test metrics, one seed:\n" : "Test metrics, mean ± std over " + seeds + " seeds:\n");
    int w = Math.max(14, table.keySet().stream().mapToInt(String::length).max().orElse(5) + 2);
    sb.append(String.format(Locale.ROOT, "%-" + w + "s", "model"));
    for (String c : columns) sb.append(String.format(Locale.ROOT, "  %-22s", c));
    sb.append('\n');
    table.forEach((model, cols) -> {
      sb.append(String.format(Locale.ROOT, "%-" + w + "s", model));
      for (String c : columns) sb.append(String.format(Locale.ROOT, "  %-22s", Report.meanStd(cols.getOrDefault(c, List.of()))));
      sb.append('\n');
    });
    return sb.toString();
  }

  private static double mean(List<Double> v) {
    return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  private static double std(List<Double> v) {
    double m = mean(v);
    return v.size() < 2 ? 0 : Math.sqrt(v.stream().mapToDouble(d -> (d - m) * (d - m)).sum() / (v.size() - 1));
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
