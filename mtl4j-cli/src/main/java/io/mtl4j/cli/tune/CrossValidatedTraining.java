package io.mtl4j.cli.tune;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigTree;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.Report;
import io.mtl4j.cli.run.Convergence;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.Summaries;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.cli.terminal.Verbosity;
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

/**
 * {@code train} with {@code data.split.crossValidate}: every fold trains (after its own search when the config has
 * {@code tune}, on its own validation rows) and is tested on its test fold. Writes metrics.json (per fold and
 * mean ± std), report.html and, when tuned, tuning.json; no model file, since k models estimate how well the config
 * generalises rather than make one model.
 */
public final class CrossValidatedTraining {
  private CrossValidatedTraining() {}

  /** One fold's outcome (not its data: folds are prepared one at a time, so memory holds one fold's rows). */
  private record Fold(int number, Map<String, Object> rows, TrainingResult result, Evaluation test, Search search) {}

  public static int run(Path configFile, RunConfig cfg, Experiment.Loaded loaded, long seed, Path out, Verbosity verbosity) {
    int k = CrossValidation.folds(cfg);
    ConfigTree tree = ConfigTree.read(configFile);
    Tuner tuner = Tuner.of(tree, cfg, verbosity == Verbosity.QUIET ? line -> { } : System.out::println);
    // Every fold's config binds before any training, so a bad fold setting fails first.
    List<Experiment.Loaded> folds = new ArrayList<>();
    for (int f = 0; f < k; f++) folds.add(CrossValidation.fold(tree, loaded, f));
    List<Fold> done = new ArrayList<>();
    String name = null;
    List<String> tasks = null;
    for (int f = 0; f < k; f++) {
      Experiment exp = folds.get(f).prepare(seed);
      tasks = exp.tasks().stream().map(Task::name).toList();
      List<String> taskNames = tasks;
      String label = (name = exp.spec(cfg.architecture()).architecture().name()) + ", fold " + (f + 1);
      Search search = tuner == null ? null : tuner.search(label, exp, null, null, seed,
          l -> TrainingProgress.create(l, taskNames, System.out, verbosity));
      RunConfig chosen = search == null ? cfg : search.chosen();
      ModelSpec spec = exp.spec(chosen.architecture());
      TrainingConfig training = Experiment.training(chosen, seed, null);
      MultiTaskModel model = exp.newModel(spec, seed);
      TrainingResult r = exp.fit(new Trainer(training, TrainingProgress.create(label, tasks, System.out, verbosity)), model);
      Convergence.warning(r, training.epochs()).ifPresent(w -> System.err.println(label + ": " + w));
      Map<String, Object> rows = Map.of("train", exp.trainRows(), "valid", exp.validRows(), "test", exp.testRows());
      done.add(new Fold(f + 1, rows, r, exp.evaluateFinal(model), search));
    }
    write(configFile, cfg, out, seed, name, tasks, done, tuner);
    return 0;
  }

  private static void write(Path configFile, RunConfig cfg, Path out, long seed, String name, List<String> tasks,
                            List<Fold> folds, Tuner tuner) {
    List<Evaluation> tests = folds.stream().map(Fold::test).toList();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "train");
    metrics.put("model", name);
    metrics.put("seed", seed);
    metrics.put("evaluatedOn", "test folds");
    metrics.put("crossValidation", Map.of("folds", folds.size(), "groupColumn", String.valueOf(cfg.data().split().column())));
    metrics.put("test", CrossValidation.aggregate(tests));
    List<Object> perFold = new ArrayList<>();
    for (Fold f : folds) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("fold", f.number());
      m.put("rows", f.rows());
      m.put("test", Summaries.evaluation(f.test()));
      Evaluation valid = f.result().best().validation();
      if (valid != null) m.put("validation", Summaries.evaluation(valid));
      m.put("bestEpoch", f.result().bestEpoch() + 1);
      m.put("trainSeconds", f.result().seconds());
      if (f.search() != null) m.put("tunedValues", f.search().chosenValues());
      perFold.add(m);
    }
    metrics.put("folds", perFold);
    Outputs o = Outputs.create(out);
    o.writeJson("metrics.json", metrics);
    if (tuner != null) o.writeJson("tuning.json", Search.file(tuner.settings(), folds.stream().map(Fold::search).toList()));
    Map<String, List<Double>> columns = CrossValidation.columns(tests);
    Map<String, Map<String, List<Double>>> rows = new LinkedHashMap<>();
    for (Fold f : folds) rows.put("fold " + f.number(), CrossValidation.columns(List.of(f.test())));
    rows.put(name + " (mean ± std)", columns);
    Report report = new Report("mtl4j train — " + name + ", " + folds.size() + "-fold cross-validation")
        .fact("config", configFile.toString())
        .fact("folds", folds.size() + (cfg.data().split().column() == null ? "" : ", whole groups of " + cfg.data().split().column()))
        .fact("seed", String.valueOf(seed));
    for (Fold f : folds) if (f.search() != null) report.fact("fold " + f.number() + " tuning", f.search().summary());
    report.comparison(List.copyOf(columns.keySet()), rows, folds.size(), "folds");
    Map<String, io.mtl4j.train.TrainingResult> curves = new LinkedHashMap<>();
    for (Fold f : folds) curves.put("fold " + f.number(), f.result());
    report.curves(curves, tasks);
    if (io.mtl4j.cli.run.Outputs.writesReport(cfg)) o.writeText("report.html", report.html());
    System.out.println();
    for (Fold f : folds) if (f.search() != null) System.out.println(f.search().summary());
    System.out.println("Test metrics, mean ± std over " + folds.size() + " folds:");
    columns.forEach((c, v) -> System.out.printf(Locale.ROOT, "  %-28s %s%n", c, Report.meanStd(v)));
    System.out.println("Wrote " + o.path("metrics.json") + (tuner == null ? "" : ", " + o.path("tuning.json")) + ", " + o.path("report.html"));
  }
}
