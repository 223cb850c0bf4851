package io.mtl4j.cli.run;

import io.mtl4j.classical.FitReport;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.Report;
import io.mtl4j.io.ModelKey;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.task.Task;
import io.mtl4j.train.ModelEvaluator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code mtl4j train} on a config with a {@code classical} section: the same data, split, encoding and target
 * standardisation as a deep run, one classical formulation fitted on the training rows, and the same outputs —
 * OUT/model.mtl4j (a classical model file with the preprocessing), metrics.json and report.html.
 */
public final class ClassicalTrain {
  private ClassicalTrain() {}

  /**
   * @param seed       the {@code --seed} flag or null
   * @param dataSha256 the training file's hash for provenance, or null
   * @param engine     where the formulation is fitted ({@code --engine})
   */
  public static int run(Path configFile, RunConfig cfg, Path dataDir, Path out, Long seed, ModelKey key,
                        String dataSha256, ClassicalFit.Engine engine) {
    ClassicalFit.Spec spec = ClassicalFit.forTrain(cfg);
    if (cfg.tasks() == null || cfg.tasks().isEmpty()) {
      throw new IllegalArgumentException(configFile + ": key 'tasks' is missing or empty (one entry per task)");
    }
    long runSeed = seed != null ? seed : Experiment.seedOf(cfg);
    Experiment exp = Experiment.load(cfg, dataDir).prepare(runSeed);
    List<Task> tasks = exp.tasks();
    ClassicalFit.check(spec, tasks); // before the data is converted or anything is written
    List<String> names = tasks.stream().map(Task::name).toList();
    System.out.printf(Locale.ROOT, "mtl4j train: classical %s, %d inputs, tasks %s; %d train / %d valid / %d test rows; "
            + "read %.2fs, preprocessing %.2fs%n", spec.formulation(), exp.preprocessing.width(), names,
        exp.trainRows(), exp.validRows(), exp.testRows(), exp.readSeconds, exp.preprocessSeconds);
    ClassicalFit.Fitted fit = ClassicalFit.fit(spec, exp, tasks, runSeed, engine);
    FitReport solver = fit.predictor().model().report();
    Evaluation evaluation = exp.evaluateFinal(tasks, fit.predictor());

    Outputs o = Outputs.create(out);
    ClassicalStore.save(o.path("model.mtl4j"), fit, tasks, exp.preprocessing, dataSha256, runSeed, key);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "train");
    metrics.put("model", spec.formulation());
    metrics.put("kind", io.mtl4j.io.ClassicalModelFile.KIND);
    metrics.put("options", fit.options());
    metrics.put("seed", runSeed);
    metrics.put("evaluatedOn", exp.finalPart());
    metrics.put("test", Summaries.evaluation(evaluation));
    if (exp.hasValid()) metrics.put("validation", Summaries.evaluation(validation(exp, tasks, fit.predictor())));
    metrics.put("rows", Map.of("train", exp.trainRows(), "valid", exp.validRows(), "test", exp.testRows()));
    metrics.put("timings", Map.of("readSeconds", exp.readSeconds, "preprocessSeconds", exp.preprocessSeconds,
        "trainSeconds", fit.seconds()));
    metrics.put("solver", solver.toMap());
    if (engine.cluster() != null) metrics.put("engine", engine.cluster().name());
    o.writeJson("metrics.json", metrics);
    Report report = new Report("mtl4j train — classical " + spec.formulation())
        .fact("config", configFile.toString())
        .fact("formulation", spec.formulation() + " " + fit.options())
        .fact("tasks", names.toString())
        .fact("rows (train / valid / test)", exp.trainRows() + " / " + exp.validRows() + " / " + exp.testRows())
        .fact("inputs", exp.preprocessing.width() + " (+ a constant 1 column for the bias)")
        .fact("seed", String.valueOf(runSeed))
        .fact("solver", String.format(Locale.ROOT, "%s, %d iterations, %s, %.2f s", solver.solver(),
            solver.iterations(), solver.converged() ? "converged" : "NOT converged", fit.seconds()))
        .metrics("Final metrics (" + exp.finalPart() + ")", evaluation)
        .testPlots("Predictions on the " + exp.finalPart() + " rows", Map.of(spec.formulation(),
            exp.finalPredictions(tasks, fit.predictor())), exp.finalPart());
    o.writeText("report.html", report.html());
    System.out.println();
    System.out.println("Metrics on " + exp.finalPart() + " rows:");
    System.out.print(Summaries.format(evaluation));
    System.out.println("Wrote " + o.path("metrics.json") + ", " + o.path("model.mtl4j") + ", " + o.path("report.html"));
    if (!solver.converged()) {
      System.err.println("warning: the " + solver.solver() + " solver stopped after " + solver.iterations()
          + " iterations without converging; raise classical.options.max-iter or tol");
    }
    return 0;
  }

  private static Evaluation validation(Experiment exp, List<Task> tasks, ClassicalPredictor predictor) {
    return exp.multiInput() ? ModelEvaluator.evaluate(tasks, predictor, exp.multiValid, Metrics.defaults())
        : ModelEvaluator.evaluate(tasks, predictor, exp.valid, Metrics.defaults());
  }
}
