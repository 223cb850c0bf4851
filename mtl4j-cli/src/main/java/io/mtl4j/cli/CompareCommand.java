package io.mtl4j.cli;

import io.mtl4j.cli.run.Convergence;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.Report;
import io.mtl4j.cli.run.ClassicalCompare;
import io.mtl4j.cli.run.ClassicalFit;
import io.mtl4j.cli.run.ClassicalStore;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.config.ConfigTree;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.cli.terminal.Verbosity;
import io.mtl4j.cli.tune.CrossValidation;
import io.mtl4j.cli.tune.Search;
import io.mtl4j.cli.tune.Tuner;
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
import java.util.function.IntFunction;
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
    if (cfg.classical() != null && cfg.classical().splits() != null) return ClassicalCompare.run(config, cfg, dataDir, out, key);
    Settings settings = Settings.of(cfg, models, weightings, seeds);
    List<RunConfig.Architecture> archs = settings.architectures();
    List<String> ws = settings.weightings();
    int n = settings.seeds();
    // With cross-validation run i is fold i (one split seed, the config's), trained with seed i, in place of seed i's split.
    boolean cv = CrossValidation.requested(cfg);
    if (cv && seeds != null) throw new IllegalArgumentException("--seeds: with data.split.crossValidate the folds replace the seeds");
    if (cv) n = CrossValidation.folds(cfg);
    String unit = cv ? "folds" : "seeds";
    Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
    ConfigTree tree = ConfigTree.read(config);
    IntFunction<Experiment> prepare = i -> cv ? CrossValidation.fold(tree, loaded, i - 1).prepare(Experiment.seedOf(cfg)) : loaded.prepare(i);
    Tuner tuner = Tuner.of(tree, cfg, verbosity.value() == Verbosity.QUIET ? line -> { } : System.out::println);
    List<Search> searches = new ArrayList<>();
    // Validate every model and weighting (and every tuning trial of each) on the first run's data before any training.
    Experiment first = prepare.apply(1);
    for (RunConfig.Architecture a : archs) first.spec(a);
    for (String w : ws) new Trainer(first.training(1, w)).check(first.tasks());
    if (tuner != null) for (RunConfig.Architecture a : archs) for (String w : ws) tuner.check(first, a, w, 1);
    List<ClassicalFit.Spec> classical = ClassicalFit.entries(cfg);
    for (ClassicalFit.Spec c : classical) ClassicalFit.check(c, first.tasks());

    List<String> csv = new ArrayList<>(List.of(cv ? "model,fold,task,metric,value" : "model,seed,task,metric,value"));
    Map<String, Map<String, List<Double>>> table = new LinkedHashMap<>();
    Map<String, TrainingResult> firstResults = new LinkedHashMap<>();
    Map<String, MultiTaskModel> firstModels = new LinkedHashMap<>();
    Map<String, List<Double>> deltaM = new LinkedHashMap<>();
    Map<String, List<Evaluation>> runs = new LinkedHashMap<>();
    String baseline = settings.baseline();
    List<String> columns = new ArrayList<>();
    List<String> taskNames = null;
    Outputs o = null;
    double trainSeconds = 0;
    for (int seed = 1; seed <= n; seed++) {
      Map<String, Evaluation> ofSeed = new LinkedHashMap<>();
      Experiment exp = seed == 1 ? first : prepare.apply(seed);
      if (!exp.hasTest()) throw new IllegalArgumentException("compare needs test rows: set data.test or data.split.test > 0");
      for (RunConfig.Architecture a : archs) {
        // Single-task trains one network per task on that task's loss alone: a weighting has nothing to weigh, so
        // with several weightings it is trained once, with equal weighting, under its own name (the Δm% baseline).
        boolean single = exp.spec(a).architecture() instanceof io.mtl4j.arch.SingleTask.Options && ws.size() > 1;
        for (String w : single ? List.of("ew") : ws) {
          ModelSpec spec = exp.spec(a);
          String name = ws.size() == 1 || single ? spec.architecture().name() : spec.architecture().name() + "+" + w;
          taskNames = spec.tasks().stream().map(Task::name).toList();
          List<String> tasks = taskNames;
          Search search = tuner == null ? null : tuner.search(name + (cv ? ", fold " : ", seed ") + seed, exp, a, w, seed,
              label -> TrainingProgress.create(label, tasks, System.out, verbosity.value()));
          if (search != null) {
            searches.add(search);
            spec = exp.spec(search.chosen().architecture());
          }
          TrainingConfig training = search == null ? exp.training(seed, w) : Experiment.training(search.chosen(), seed, w);
          MultiTaskModel model = exp.newModel(spec, seed);
          TrainingResult r = exp.fit(new Trainer(training, TrainingProgress.create(name + " s" + seed, taskNames, System.out, verbosity.value())), model);
          trainSeconds += r.seconds();
          String run = name + " s" + seed + ": ";
          Convergence.warning(r, training.epochs()).ifPresent(warning -> System.err.println(run + warning));
          Evaluation e = exp.evaluateFinal(model);
          ofSeed.put(name, e);
          record(name, seed, e, csv, table, columns, runs);
          if (seed == 1) {
            if (o == null) o = Outputs.create(out);
            firstResults.put(name, r);
            firstModels.put(name, model);
            ModelStore.save(o.path("models").resolve(name + ".mtl4j"), model, exp.preprocessing,
                TrainCommand.trainingMap(cfg, spec, training), null, seed, training.threads(), key);
          }
        }
      }
      // Classical formulations fit on the same split, preprocessing and standardised targets as the networks.
      for (ClassicalFit.Spec c : classical) {
        if (ofSeed.containsKey(c.name())) {
          throw new IllegalArgumentException(c.key() + ": name '" + c.name() + "' is also a deep model's; rename it");
        }
        ClassicalFit.Fitted f = ClassicalFit.fit(c, exp, exp.tasks(), seed);
        trainSeconds += f.seconds();
        Evaluation e = exp.evaluateFinal(exp.tasks(), f.predictor());
        ofSeed.put(c.name(), e);
        record(c.name(), seed, e, csv, table, columns, runs);
        if (seed == 1) {
          if (o == null) o = Outputs.create(out);
          ClassicalStore.save(o.path("models").resolve(c.name() + ".mtl4j"), f, exp.tasks(), exp.preprocessing, null, seed, key);
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
    String summary = summary(columns, table, n, unit);
    System.out.println();
    System.out.print(summary);
    if (!deltaM.isEmpty()) System.out.println(DeltaM.MEANING + "; baseline: " + baseline + " on the same " + (cv ? "fold" : "seed's split"));
    for (Search s : searches) System.out.println(s.summary());
    o.writeText("comparison.csv", String.join("\n", csv) + "\n");
    if (tuner != null) o.writeJson("tuning.json", Search.file(tuner.settings(), searches));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "compare");
    metrics.put(unit, n);
    Map<String, Object> means = new LinkedHashMap<>();
    table.forEach((model, cols) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      cols.forEach((c, v) -> {
        if (!c.startsWith("Δm%")) m.put(c, Map.of("mean", Report.mean(v), "std", Report.std(v), "values", v));
      });
      means.put(model, m);
    });
    metrics.put("test", means);
    if (!deltaM.isEmpty()) {
      Map<String, Object> dm = new LinkedHashMap<>();
      deltaM.forEach((m, v) -> dm.put(m, Map.of("mean", Report.mean(v), "std", Report.std(v), "values", v)));
      metrics.put("deltaMPercentVs" + baseline, dm);
    }
    metrics.put("timings", Map.of("readSeconds", loaded.readSeconds(), "trainSeconds", trainSeconds));
    o.writeJson("metrics.json", metrics);
    if (Outputs.writesReport(cfg)) {
      // Regression test plots show the config's own architecture when it was compared, else the first model.
      String main = firstModels.containsKey(mainName(cfg)) ? mainName(cfg) : firstModels.keySet().iterator().next();
      Map<String, List<io.mtl4j.cli.report.Predictions>> predictions = new LinkedHashMap<>();
      predictions.put(main, first.finalPredictions(firstModels.get(main)));
      firstModels.forEach((name, model) -> predictions.computeIfAbsent(name, k -> first.finalPredictions(model)));
      Report report = new Report("mtl4j compare")
          .fact("config", config.toString())
          .fact("models", String.join(", ", table.keySet()))
          .fact(unit, String.valueOf(n))
          .fact("rows (train / valid / test), " + (cv ? "fold 1" : "seed 1"), first.trainRows() + " / " + first.validRows()
              + " / " + first.testRows())
          .fact("model files", "models/NAME.mtl4j: each model as trained on seed 1");
      if (!deltaM.isEmpty()) report.fact("Δm% vs " + baseline, DeltaM.MEANING);
      for (Search s : searches) report.fact("tuning", s.summary());
      report.comparison(columns, table, n, unit).comparisonPlots(runs).deltaMPlot(baseline, deltaM, DeltaM.MEANING)
          .curves(firstResults, taskNames)
          .testPlots("Predictions on the test rows (" + (cv ? "fold 1" : "seed 1") + ")", predictions, "test");
      o.writeText("report.html", report.html());
    }
    System.out.println("Wrote " + o.path("comparison.csv") + ", " + o.path("metrics.json")
        + (Outputs.writesReport(cfg) ? ", " + o.path("report.html") : "")
        + " and " + o.path("models") + "/NAME.mtl4j (each model as trained on seed 1)");
    return 0;
  }

  /** What a comparison runs: the config's {@code compare} section with its defaults, overridden by the flags. */
  record Settings(List<RunConfig.Architecture> architectures, List<String> weightings, int seeds, String baseline) {
    static Settings of(RunConfig cfg, List<String> models, List<String> weightings, Integer seeds) {
      RunConfig.Compare c = cfg.compare();
      List<String> ws = weightings != null ? weightings : c != null && c.weightings() != null ? c.weightings()
          : List.of(cfg.weighting() == null || cfg.weighting().name() == null ? "ew" : cfg.weighting().name());
      int n = seeds != null ? seeds : c != null && c.seeds() != null ? c.seeds() : 5;
      if (n < 1) throw new IllegalArgumentException("--seeds = " + n + ", expected ≥ 1");
      String baseline = c != null && c.baseline() != null ? c.baseline() : "single-task";
      return new Settings(architectures(cfg, models), ws, n, baseline);
    }

    private static List<RunConfig.Architecture> architectures(RunConfig cfg, List<String> models) {
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
  }

  private static String mainName(RunConfig cfg) {
    return cfg.architecture() == null || cfg.architecture().name() == null ? "mmoe" : cfg.architecture().name();
  }

  /** One model's evaluation of one seed: its rows of comparison.csv and its cells of the summary table. */
  private static void record(String name, int seed, Evaluation e, List<String> csv,
                             Map<String, Map<String, List<Double>>> table, List<String> columns,
                             Map<String, List<Evaluation>> runs) {
    runs.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
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
  }

  private static void add(Map<String, List<Double>> row, List<String> columns, String column, double v) {
    if (!columns.contains(column)) columns.add(column);
    row.computeIfAbsent(column, k -> new ArrayList<>()).add(v);
  }

  /** The test metrics table over {@code count} runs of {@code unit} ("seeds", or "folds" when cross-validating). */
  static String summary(List<String> columns, Map<String, Map<String, List<Double>>> table, int count, String unit) {
    StringBuilder sb = new StringBuilder(count == 1 ? "Test metrics, one " + unit.substring(0, unit.length() - 1) + ":\n"
        : "Test metrics, mean ± std over " + count + " " + unit + ":\n");
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

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }
}
