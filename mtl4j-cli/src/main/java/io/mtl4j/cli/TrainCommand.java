package io.mtl4j.cli;

import io.mtl4j.cli.run.UnseenLabels;
import io.mtl4j.cli.run.ClassicalFit;
import io.mtl4j.cli.run.ClassicalTrain;
import io.mtl4j.cli.run.Convergence;
import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.report.BranchingSection;
import io.mtl4j.cli.report.Report;
import io.mtl4j.cli.run.DataFiles;
import io.mtl4j.cli.run.AsyncTraining;
import io.mtl4j.cli.run.Experiment;
import io.mtl4j.cli.run.StreamingTrain;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.cli.run.Outputs;
import io.mtl4j.cli.run.RunState;
import io.mtl4j.cli.run.Summaries;
import io.mtl4j.cli.config.ConfigTree;
import io.mtl4j.cli.terminal.TrainingProgress;
import io.mtl4j.cli.terminal.Verbosity;
import io.mtl4j.cli.tune.CrossValidatedTraining;
import io.mtl4j.cli.tune.CrossValidation;
import io.mtl4j.cli.tune.Search;
import io.mtl4j.cli.tune.Tuner;
import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Trains one model from a YAML config; writes OUT/metrics.json, OUT/model.mtl4j and OUT/report.html. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a multi-task model from a YAML config and write metrics.json, model.mtl4j and report.html.")
final class TrainCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, description = "YAML run config (required unless --resume)") Path config;
  @Option(names = "--data-dir", description = "directory the config's data files are relative to") Path dataDir;
  @Option(names = {"-o", "--out"}, description = "output directory (must be empty unless --force)") Path out;
  @Option(names = "--resume", paramLabel = "OUT", description = "continue the interrupted run in OUT from its last "
      + "checkpoint; ends with the weights an uninterrupted run would have (with --config: starts the run when OUT "
      + "holds none yet)") Path resume;
  @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "checkpoint every STEPS steps as well as "
      + "after each epoch (default: ${DEFAULT-VALUE}, each epoch only)") int checkpointEvery;
  @Option(names = "--non-finite", paramLabel = "POLICY", description = "on a NaN/Inf loss or gradient: fail, skip "
      + "the batch, or rollback to the last checkpoint with a lower learning rate (default: ${DEFAULT-VALUE})")
  String nonFinite = "fail";
  @Option(names = "--stream", description = "train out of core: stream the training file in chunks through a "
      + "seeded shuffle buffer (data.streaming, its defaults when the config has none)") boolean stream;
  @Option(names = "--force", description = "write into a non-empty output directory") boolean force;
  @Option(names = "--seed", description = "run seed (split, initialisation, shuffling); default: training.seed") Long seed;
  @Option(names = "--engine", paramLabel = "NAME", description = "jvm (default: this JVM's trainer) or spark: the "
      + "same config trained through Apache Spark by exact synchronous data-parallel steps (the ./mtl4j launcher puts "
      + "mtl4j-spark and Spark's jars on the classpath for it)") String engine = "jvm";
  @Option(names = "--master", description = "Spark master URL for --engine spark (default: local[*])") String master;
  @Option(names = "--strategy", paramLabel = "S", description = "--engine spark: sync (default; exact synchronous "
      + "steps), barrier (the same steps, partials allreduced among the tasks of one barrier stage per epoch) or "
      + "averaging (model averaging: --local-steps steps per partition, then the parameters are averaged)")
  String strategy;
  @Option(names = "--local-steps", paramLabel = "K", description = "--strategy averaging: steps each partition takes "
      + "between two averages (default: 8)") Integer localSteps;

  @picocli.CommandLine.Mixin ModelKeyOption modelKey = new ModelKeyOption();
  @picocli.CommandLine.Mixin io.mtl4j.cli.terminal.VerbosityOption verbosity = new io.mtl4j.cli.terminal.VerbosityOption();

  @Override
  public Integer call() {
    io.mtl4j.io.ModelKey key = modelKey.key();
    // A fresh run owns an absent or empty OUT; --resume keeps its state whatever ends the run.
    return Outputs.removedOnOutOfMemory(resume == null ? out : null, () -> train(key));
  }

  /**
   * The cluster engine asked for, or null for this JVM's trainer; refuses, before looking the engine up, the settings
   * only the jvm engine honours.
   */
  private io.mtl4j.train.TrainingEngine engine(boolean resuming, RunConfig cfg) {
    if (!cluster(resuming)) return null;
    if (CrossValidation.requested(cfg)) {
      throw new IllegalArgumentException("--engine " + engine + " trains one network; data.split.crossValidate runs "
          + "on the jvm engine");
    }
    if (stream || cfg.data().streaming() != null || AsyncTraining.requested(cfg)) {
      throw new IllegalArgumentException("--engine " + engine + " trains synchronously from the rows Spark holds; "
          + "--stream, data.streaming and training.async run on the jvm engine");
    }
    return io.mtl4j.train.TrainingEngine.named(engine);
  }

  /** The classical engine asked for ({@code --engine spark} on a classical config), or null for this JVM. */
  private io.mtl4j.classical.ClassicalEngine classicalEngine(boolean resuming) {
    if (!cluster(resuming)) return null;
    if (strategy != null || localSteps != null) {
      throw new IllegalArgumentException("--strategy and --local-steps apply to networks; a classical formulation "
          + "takes exact full-gradient steps");
    }
    return io.mtl4j.classical.ClassicalEngine.named(engine);
  }

  /** True for a cluster engine; refuses the flags only the jvm engine honours. */
  private boolean cluster(boolean resuming) {
    if (engine.equalsIgnoreCase("jvm")) {
      if (master != null || strategy != null || localSteps != null) {
        throw new IllegalArgumentException("--master, --strategy and --local-steps apply to --engine spark only");
      }
      return false;
    }
    if (resuming || checkpointEvery != 0 || !nonFinite.equals("fail")) {
      throw new IllegalArgumentException("--resume, --checkpoint-every and --non-finite apply to the jvm engine; "
          + "Spark re-runs lost tasks itself, and a non-finite loss stops a Spark run");
    }
    return true;
  }

  /** The cluster engine's options: --master, and --strategy with --local-steps (8 by default with averaging). */
  private io.mtl4j.train.EngineOptions engineOptions() {
    io.mtl4j.train.EngineOptions.Strategy s = strategy == null ? io.mtl4j.train.EngineOptions.Strategy.SYNC
        : io.mtl4j.train.EngineOptions.Strategy.named(strategy);
    int k = localSteps != null ? localSteps : s == io.mtl4j.train.EngineOptions.Strategy.AVERAGING ? 8 : 1;
    return new io.mtl4j.train.EngineOptions(master, s, k);
  }

  private Integer train(io.mtl4j.io.ModelKey key) {
    // Killed before its run state was written, a run has nothing to resume: with --config it simply starts again.
    boolean nothingToResume = resume != null && config != null && !java.nio.file.Files.exists(resume.resolve(RunState.FILE));
    if (nothingToResume) {
      out = resume;
      force = true;
      resume = null;
    }
    RunState resumed = resume == null ? null : RunState.read(resume);
    if (resumed != null) {
      out = resume;
      config = resumed.config();
      dataDir = resumed.dataDir();
      seed = resumed.seed();
      checkpointEvery = resumed.checkpointEvery();
      nonFinite = resumed.nonFinite().configName();
      stream |= resumed.stream();
    } else if (config == null || out == null) {
      throw new IllegalArgumentException("give --config and --out (or --resume OUT to continue a run)");
    }
    io.mtl4j.train.NonFinitePolicy policy = io.mtl4j.train.NonFinitePolicy.byName(nonFinite);
    RunConfig cfg = ConfigLoader.load(config);
    if (cfg.classical() != null) {
      io.mtl4j.classical.ClassicalEngine classical = classicalEngine(resumed != null);
      if (resumed == null) Outputs.check(out, force);
      return ClassicalTrain.run(config, cfg, dataDir, out, seed, key, dataSha256(cfg),
          new ClassicalFit.Engine(classical, master));
    }
    // Validated before the engine is looked up and the data are read.
    io.mtl4j.train.EngineOptions clusterOptions = engine.equalsIgnoreCase("jvm") ? null : engineOptions();
    io.mtl4j.train.TrainingEngine cluster = engine(resumed != null, cfg);
    if (resumed == null) Outputs.check(out, force);
    if (stream || cfg.data().streaming() != null) return streaming(cfg, resumed, policy, key);
    Experiment.Loaded loaded = Experiment.load(cfg, dataDir);
    long runSeed = seed != null ? seed : Experiment.seedOf(cfg);
    if (CrossValidation.requested(cfg)) {
      if (resumed != null || checkpointEvery != 0) {
        throw new IllegalArgumentException("--resume and --checkpoint-every apply to one training run, not to the folds "
            + "of data.split.crossValidate");
      }
      return CrossValidatedTraining.run(config, cfg, loaded, runSeed, out, verbosity.value());
    }
    Experiment exp = loaded.prepare(runSeed);
    // With a tune section the search picks the config on the validation rows; the usual run below then trains it.
    Tuner tuner = Tuner.of(ConfigTree.read(config), cfg, verbosity.value() == Verbosity.QUIET ? line -> { } : System.out::println);
    Search search = tuner == null ? null : tuner.search(exp.spec(cfg.architecture()).architecture().name(), exp, null,
        null, runSeed, label -> TrainingProgress.create(label, exp.tasks().stream().map(Task::name).toList(), System.out, verbosity.value()));
    RunConfig chosen = search == null ? cfg : search.chosen();
    ModelSpec spec = exp.spec(chosen.architecture());
    TrainingConfig training = RunState.withLifecycle(Experiment.training(chosen, runSeed, null), checkpointEvery, policy);
    System.out.printf(Locale.ROOT, "mtl4j train: %s, %d inputs, tasks %s; %d train / %d valid / %d test rows; "
            + "read %.2fs, preprocessing %.2fs; %d threads%n", spec.architecture().name(), spec.inputs(),
        spec.tasks().stream().map(Task::name).toList(), exp.trainRows(), exp.validRows(), exp.testRows(),
        exp.readSeconds, exp.preprocessSeconds, training.threads());
    MultiTaskModel model = exp.newModel(spec, runSeed);
    List<String> tasks = spec.tasks().stream().map(Task::name).toList();
    Trainer trainer = new Trainer(training, TrainingProgress.create(spec.architecture().name(), tasks, System.out, verbosity.value()));
    trainer.check(spec.tasks()); // before OUT holds a run state that a corrected rerun would find "not empty"
    io.mtl4j.train.Hogwild.Options async = !AsyncTraining.requested(chosen) ? null
        : AsyncTraining.options(chosen, training, resumed != null || checkpointEvery != 0);
    String sha256 = dataSha256(cfg);
    lifecycle(resumed, cfg, policy).begin(out, runSeed, sha256 == null ? null : "training file SHA-256 " + sha256);
    trainer.checkpoints(RunState.checkpoints(out), resumed != null, key);
    TrainingResult result = async != null ? AsyncTraining.fit(exp, model, async)
        : cluster == null ? exp.fit(trainer, model) : exp.fit(cluster, model, training, clusterOptions);
    String finalName = exp.finalPart();
    Evaluation evaluation = exp.evaluateFinal(model);

    Outputs o = Outputs.create(out);
    Map<String, Object> trainingMap = trainingMap(cfg, spec, training);
    ModelStore.save(o.path("model.mtl4j"), model, exp.preprocessing, trainingMap, sha256, runSeed,
        training.threads(), key);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "train");
    metrics.put("model", spec.architecture().name());
    metrics.put("seed", runSeed);
    metrics.put("evaluatedOn", finalName);
    metrics.put("test", Summaries.evaluation(evaluation));
    if (exp.hasValid()) metrics.put("validation", Summaries.evaluation(result.best().validation()));
    metrics.put("rows", Map.of("train", exp.trainRows(), "valid", exp.validRows(), "test", exp.testRows()));
    metrics.put("timings", Map.of("readSeconds", exp.readSeconds, "preprocessSeconds", exp.preprocessSeconds,
        "trainSeconds", result.seconds()));
    metrics.put("training", Summaries.training(result, tasks));
    Map<String, Object> unseen = exp.multiInput() ? Map.of() : UnseenLabels.report("train", exp.preprocessing, exp.table, exp.split);
    if (!unseen.isEmpty()) metrics.put("unseenLabels", unseen);
    if (search != null) {
      metrics.put("tuning", Map.of("bestTrial", search.results().get(search.best()).trial(), "values", search.chosenValues()));
      o.writeJson("tuning.json", Search.file(tuner.settings(), List.of(search)));
    }
    o.writeJson("metrics.json", metrics);
    if (Outputs.writesReport(cfg)) {
      Report report = new Report("mtl4j train — " + spec.architecture().name())
          .fact("config", config.toString())
          .fact("architecture", spec.architecture().name() + " " + Architectures.toMap(spec.architecture()))
          .fact("tasks", tasks.toString())
          .fact("rows (train / valid / test)", exp.trainRows() + " / " + exp.validRows() + " / " + exp.testRows())
          .fact("inputs", String.valueOf(spec.inputs()))
          .fact("seed, threads", runSeed + ", " + training.threads())
          .fact("training time", String.format(Locale.ROOT, "%.1f s (%d epochs)", result.seconds(), result.epochs().size()))
          .metrics("Final metrics (" + finalName + ")", evaluation)
          .curves(Map.of(spec.architecture().name(), result), tasks)
          .testPlots("Predictions on the " + finalName + " rows", Map.of(spec.architecture().name(), exp.finalPredictions(model)),
              finalName);
      if (search != null) report.fact("tuning", search.summary());
      BranchingSection.addTo(report, model);
      o.writeText("report.html", report.html());
    }
    System.out.println();
    if (search != null) System.out.println(search.summary());
    System.out.println("Metrics on " + finalName + " rows:");
    System.out.print(Summaries.format(evaluation));
    BranchingSection.text(model).ifPresent(System.out::println);
    System.out.println("Wrote " + o.path("metrics.json") + ", " + o.path("model.mtl4j")
        + (Outputs.writesReport(cfg) ? ", " + o.path("report.html") : "") + (search == null ? "" : ", " + o.path("tuning.json")));
    Convergence.warning(result, training.epochs()).ifPresent(System.err::println);
    return 0;
  }

  private Integer streaming(RunConfig cfg, RunState resumed, io.mtl4j.train.NonFinitePolicy policy,
                            io.mtl4j.io.ModelKey key) {
    return StreamingTrain.run(cfg, dataDir, out, seed != null ? seed : Experiment.seedOf(cfg), key, dataSha256(cfg),
        new StreamingTrain.Hooks((spec, t) -> trainingMap(cfg, spec, t),
            tasks -> TrainingProgress.create("streaming", tasks, System.out, verbosity.value()),
            lifecycle(resumed, cfg, policy)));
  }

  /** This run's state in OUT: written when it starts, checked when it resumes. */
  private RunState.Lifecycle lifecycle(RunState resumed, RunConfig cfg, io.mtl4j.train.NonFinitePolicy policy) {
    return new RunState.Lifecycle(resumed, config, dataDir != null || cfg.data().dataset() != null ? dataDir
        : Path.of("").toAbsolutePath(), checkpointEvery, policy, stream || cfg.data().streaming() != null);
  }

  static Map<String, Object> trainingMap(RunConfig cfg, ModelSpec spec, TrainingConfig t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("architecture", spec.architecture().name());
    m.put("architectureOptions", Architectures.toMap(spec.architecture()));
    m.put("epochs", t.epochs());
    m.put("batchSize", t.batchSize());
    m.put("optimizer", t.optimizer().name());
    m.put("optimizerOptions", t.optimizer().options());
    m.put("weighting", t.weighting().name());
    m.put("weightingOptions", t.weighting().options());
    m.put("patience", t.patience());
    m.put("seed", t.seed());
    return m;
  }

  /** SHA-256 of the training file for the model's provenance (null when it cannot be located). */
  private String dataSha256(RunConfig cfg) {
    if (cfg.data().train() == null) return null;
    Path file = DataFiles.resolve(DataFiles.base(cfg.data(), dataDir), cfg.data().train());
    return java.nio.file.Files.isRegularFile(file) ? io.mtl4j.io.TensorArchive.sha256(file) : null;
  }

  static int rows(Dataset d) {
    return d == null ? 0 : d.rows();
  }
}
