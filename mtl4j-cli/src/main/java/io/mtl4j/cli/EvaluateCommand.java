package io.mtl4j.cli;

import io.mtl4j.cli.run.UnseenLabels;
import io.mtl4j.cli.run.AuxiliaryEntries;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.run.DataTables;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.MultiInput;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.Summaries;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Split;
import io.mtl4j.data.Table;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.train.ModelEvaluator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Evaluates a saved model with its saved preprocessing: on the test rows of the config's split (re-made with the
 * model's seed, so it reproduces the training run's test metrics), or on every row of {@code --data}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Evaluate a saved model on the config's test split (same seed as training) or on a labelled file.")
final class EvaluateCommand implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, description = "model file written by 'mtl4j train'") Path modelFile;
  @Option(names = {"-c", "--config"}, required = true, description = "the YAML config the model was trained with") Path config;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = "--data", description = "evaluate on every row of this file instead of the config's test split") Path data;
  @Option(names = {"-o", "--out"}, description = "write metrics.json here (file; must not exist unless --force)") Path out;
  @Option(names = "--force", description = "overwrite an existing --out file") boolean force;
  @Option(names = "--int8", description = "evaluate with the weights quantized to int8 as 'mtl4j export --int8' "
      + "stores them (per-channel scales)") boolean int8;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    if (out != null) Outputs.checkFile("--out", out, force);
    RunConfig cfg = ConfigLoader.load(config);
    ModelStore.Predicting saved = ModelStore.predicting(modelFile, key, int8);
    Preprocessing p = saved.preprocessing();
    Table table;
    int[] rows;
    String what;
    Evaluation e;
    Map<String, Object> unseen = Map.of();
    if (data == null && (cfg.data().taskColumn() != null || MultiInput.hasTaskFiles(cfg))) {
      // Multi-input: each task on its own test rows of the per-task split the run trained with.
      Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
      long seed = saved.seed();
      Split split = loaded.prepare(seed).split;
      rows = split.test().length > 0 ? split.test() : split.valid();
      what = split.test().length > 0 && cfg.data().test() != null ? testFile(rows.length, cfg)
          : rows.length + " test rows of the seed-" + seed + " per-task split";
      e = ModelEvaluator.evaluate(saved.tasks(), saved.predictor(), MultiInput.encodeTest(p, loaded.table(),
          loaded.taskRows(), rows, saved.tasks(), seed), Metrics.defaults());
    } else if (data != null) {
      table = DataTables.read(cfg.data(), "--data", data, DataTables.columns(p), read -> { });
      rows = Preprocessing.allRows(table);
      what = "all " + rows.length + " rows of " + data;
      e = ModelEvaluator.evaluate(saved.tasks(), saved.predictor(),
          AuxiliaryEntries.testPart(p.dataset(table, rows), saved.tasks(), saved.seed()), Metrics.defaults());
      unseen = UnseenLabels.report("evaluate", p, table, "evaluated", rows);
    } else {
      Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
      long seed = saved.seed();
      Split split = Experiment.split(loaded.table(), loaded.fixed(), cfg.data(), seed);
      table = loaded.table();
      rows = split.test().length > 0 ? split.test() : split.valid();
      what = split.test().length > 0 && cfg.data().test() != null ? testFile(rows.length, cfg)
          : rows.length + " test rows of the seed-" + seed + " split";
      e = ModelEvaluator.evaluate(saved.tasks(), saved.predictor(),
          AuxiliaryEntries.testPart(p.dataset(table, rows), saved.tasks(), seed), Metrics.defaults());
      unseen = UnseenLabels.report("evaluate", p, table, "evaluated", rows);
    }
    System.out.println("Metrics on " + what + (int8 ? ", int8 weights" : "") + ":");
    System.out.print(Summaries.format(e));
    if (out != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("command", "evaluate");
      m.put("model", modelFile.toString());
      m.put("rows", what);
      if (int8) m.put("weights", "int8");
      m.put("test", Summaries.evaluation(e));
      if (!unseen.isEmpty()) m.put("unseenLabels", unseen);
      Outputs.writeString(out, Outputs.JSON.writeValueAsString(m) + "\n");
    }
    return 0;
  }

  /** The test rows come from {@code data.test}, not from a seeded split. */
  private static String testFile(int rows, RunConfig cfg) {
    return rows + " rows of test file " + cfg.data().test();
  }
}
