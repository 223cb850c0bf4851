package io.mtl4j.cli.run;

import io.mtl4j.train.Predictor;
import io.mtl4j.analysis.LearnedRelations;
import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Architectures;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.cli.terminal.ReadProgress;
import io.mtl4j.config.OptionBinder;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.InputGroupOptions;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Split;
import io.mtl4j.data.Table;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.task.Task;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.tensor.Tensor;

/**
 * What a config turns into: the tables read, the seeded split, preprocessing fitted on the training rows, the three
 * datasets, and the model/training settings. Everything that can fail on bad input fails here, before any output.
 */
public final class Experiment {
  final RunConfig config;
  public final Table table;
  public final Split split;
  public final Preprocessing preprocessing;
  final Dataset train;
  final Dataset valid;
  final Dataset test;
  /** Multi-input data (each task its own rows), else null; {@link #train}/{@link #valid}/{@link #test} are then null. */
  final MultiInputData multiTrain;
  final MultiInputData multiValid;
  final MultiInputData multiTest;
  public final double readSeconds;
  public final double preprocessSeconds;

  private Experiment(RunConfig config, Table table, Split split, Preprocessing preprocessing, Dataset train, Dataset valid,
                     Dataset test, double readSeconds, double preprocessSeconds) {
    this(config, table, split, preprocessing, train, valid, test, null, null, null, readSeconds, preprocessSeconds);
  }

  Experiment(RunConfig config, Table table, Split split, Preprocessing preprocessing, Dataset train, Dataset valid,
             Dataset test, MultiInputData multiTrain, MultiInputData multiValid, MultiInputData multiTest,
             double readSeconds, double preprocessSeconds) {
    this.config = config;
    this.table = table;
    this.split = split;
    this.preprocessing = preprocessing;
    this.train = train;
    this.valid = valid;
    this.test = test;
    this.multiTrain = multiTrain;
    this.multiValid = multiValid;
    this.multiTest = multiTest;
    this.readSeconds = readSeconds;
    this.preprocessSeconds = preprocessSeconds;
  }

  /**
   * The config's files read into one table, with the fixed split when the config names valid/test files, and for
   * multi-input data each task's rows (else null).
   */
  public record Loaded(RunConfig config, Table table, Split fixed, Map<String, int[]> taskRows, double readSeconds) {
    Loaded(RunConfig config, Table table, Split fixed, double readSeconds) {
      this(config, table, fixed, null, readSeconds);
    }

    /** Splits (with {@code splitSeed} unless fixed) and fits the preprocessing on the training rows. */
    public Experiment prepare(long splitSeed) {
      return AuxiliaryEntries.withTargets(taskRows != null ? MultiInput.prepare(this, splitSeed) : prepareOne(splitSeed),
          splitSeed);
    }

    private Experiment prepareOne(long splitSeed) {
      long t1 = System.nanoTime();
      Split split = split(table, fixed, config.data(), splitSeed);
      if (split.train().length == 0) throw new IllegalArgumentException("the split leaves no training rows");
      List<LabelSpec> labels = labelSpecs(config.tasks());
      Preprocessing p = Preprocessing.fit(table, split.train(), DataOptions.featureOptions(config.features()), labels,
          inputGroups(config));
      Dataset train = p.dataset(table, split.train());
      Dataset valid = split.valid().length == 0 ? null : p.dataset(table, split.valid());
      Dataset test = split.test().length == 0 ? null : p.dataset(table, split.test());
      long t2 = System.nanoTime();
      return new Experiment(config, table, split, p, train, valid, test, readSeconds, (t2 - t1) / 1e9);
    }
  }

  /** Reads, splits (with {@code splitSeed}) and preprocesses the config's data. */
  public static Experiment prepare(RunConfig config, Path dataDir, long splitSeed) {
    return load(config, dataDir).prepare(splitSeed);
  }

  /** Reads the config's files (train, and valid/test when named) into one table. */
  public static Loaded load(RunConfig config, Path dataDir) {
    long t0 = System.nanoTime();
    RunConfig.Data d = config.data();
    labelSpecs(config.tasks());
    inputGroups(config); // a bad inputs: section fails before any file is read
    if (MultiInput.hasTaskFiles(config)) return MultiInput.readTaskFiles(config, dataDir, t0);
    if (d.train() == null) throw new IllegalArgumentException("config key 'data.train' is missing (the training file)");
    Path base = DataFiles.base(d, dataDir);
    Table table;
    try (ReadProgress progress = ReadProgress.create(d.train())) {
      table = DataTables.read(d, "data.train", DataFiles.resolve(base, d.train()), null, progress);
    }
    if (table.rows() == 0) throw new io.mtl4j.data.DataFormatException(table.source(), 0, 0, "the file has no data rows");
    Split fixed = null;
    if (d.valid() != null || d.test() != null) {
      // Validation/test files are appended to one table so that all parts share one dictionary per column.
      Table all = new Table(table.source(), table.names());
      int[] trainRows = append(all, table);
      int[] validRows = d.valid() == null ? new int[0]
          : append(all, read(d, "data.valid", DataFiles.resolve(base, d.valid()), table));
      int[] testRows = d.test() == null ? new int[0]
          : append(all, read(d, "data.test", DataFiles.resolve(base, d.test()), table));
      table = all;
      fixed = new Split(trainRows, validRows, testRows);
    }
    Map<String, int[]> taskRows = d.taskColumn() == null ? null : MultiInput.byTaskColumn(table, config);
    return new Loaded(PretrainedTables.resolveFiles(config, base), table, fixed, taskRows,
        (System.nanoTime() - t0) / 1e9);
  }

  private static Table read(RunConfig.Data d, String key, Path file, Table like) {
    Table t = DataTables.read(d, key, file, like.names(), rows -> {});
    if (!t.names().equals(like.names())) {
      throw new io.mtl4j.data.DataFormatException(t.source(), 1, 0, "columns " + t.names() + " differ from the training file's " + like.names());
    }
    return t;
  }

  static int[] append(Table into, Table from) {
    int[] rows = new int[from.rows()];
    String[] cells = new String[from.names().size()];
    for (int r = 0; r < from.rows(); r++) {
      for (int c = 0; c < cells.length; c++) {
        int code = from.code(c, r);
        cells[c] = code < 0 ? null : from.values(c).get(code);
      }
      rows[r] = into.rows();
      into.add(cells, from.line(r));
    }
    return rows;
  }

  /**
   * The split of {@code table} as {@code d.split} says, around the parts that files fix: with a test file but no
   * validation file, validation rows are carved from the training rows by the same method and column.
   */
  public static Split split(Table table, Split fixed, RunConfig.Data d, long seed) {
    Split.Options o = DataOptions.splitOptions(d.split());
    if (fixed == null) return Split.of(table, o, seed);
    if (d.valid() == null && fixed.test().length > 0) return Split.carveValidation(table, fixed, o, seed);
    Split.requireColumnHonoured(table, fixed, o);
    return fixed;
  }

  /** The config's {@code inputs:} groups, bound and validated (empty when the section is absent). */
  public static List<InputGroupOptions> inputGroups(RunConfig config) {
    return InputGroupOptions.bind("inputs", config.inputs() == null ? List.of() : config.inputs());
  }

  public static List<LabelSpec> labelSpecs(List<RunConfig.TaskEntry> tasks) {
    List<LabelSpec> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      RunConfig.TaskEntry t = tasks.get(i);
      if (t == null || t.name() == null) throw new IllegalArgumentException("tasks[" + i + "].name is missing");
      if (AuxiliaryEntries.fromInput(t)) continue; // no label columns: its targets come from the input
      if (t.column() != null && t.columns() != null) {
        throw new IllegalArgumentException("tasks." + t.name() + ": give 'column' or 'columns', not both");
      }
      List<String> cols = t.column() != null ? List.of(t.column()) : t.columns();
      // Regression targets are standardised unless the task says otherwise: raw targets of large scale train poorly
      // with the default learning rate and initialisation.
      boolean standardise = t.standardise() != null ? t.standardise()
          : t.type() != null && t.type().strip().equalsIgnoreCase("regression");
      out.add(new LabelSpec(t.name(), t.type(), cols, t.positive(), t.expression(), standardise,
          t.classes() == null ? 0 : t.classes()));
    }
    return out;
  }

  /** Model tasks with the fitted label types and the config's metrics, loss and weight. */
  public List<Task> tasks() {
    return tasks(config, preprocessing);
  }

  static List<Task> tasks(RunConfig config, Preprocessing p) {
    List<Task> out = new ArrayList<>();
    int label = 0;
    for (RunConfig.TaskEntry e : config.tasks()) {
      Task task = AuxiliaryEntries.fromInput(e) ? AuxiliaryEntries.task(e, p)
          : labelled(e, p.labels().get(label++).taskType());
      task.newLoss(); // the CLI binds the built-in losses: a misspelt one fails here, before anything is written
      out.add(task);
    }
    return out;
  }

  /**
   * The task of config entry {@code e}, whose labels are read as {@code type}: its loss, weight, metrics, productOf
   * and auxiliary mark as the config gives them.
   */
  public static Task labelled(RunConfig.TaskEntry e, io.mtl4j.task.TaskType type) {
    return new Task(e.name(), type, e.loss(), e.weight() == null ? 1.0 : e.weight(), e.metrics(), e.productOf(),
        AuxiliaryEntries.labelled(e));
  }

  /** The config's model; option errors name their YAML path ({@code architecture.options.experts}). */
  public ModelSpec spec(RunConfig.Architecture a) {
    String name = a == null || a.name() == null ? "mmoe" : a.name();
    Architecture.Factory factory = Architectures.defaults().create(name,
        a == null || a.options() == null ? Map.of() : a.options(), "architecture.options");
    Head.Options head = OptionBinder.bind("architecture.head", Head.Options.class, new Head.Options(),
        a == null || a.head() == null ? Map.of() : a.head());
    if (preprocessing.groups() != null) return ModelSpec.of(preprocessing.groups().inputSpec(), tasks(), factory, head);
    return new ModelSpec(preprocessing.width(), tasks(), factory, head);
  }

  /** A new model of {@code spec} drawn from {@code seed}, its token tables started from any {@code pretrained:} vectors. */
  public MultiTaskModel newModel(ModelSpec spec, long seed) {
    return PretrainedTables.create(spec, seed, inputGroups(config), preprocessing.groups());
  }

  public TrainingConfig training(long seed, String weighting) {
    return training(config, seed, weighting);
  }

  /**
   * A run config's training settings: each key the config sets over {@link TrainingConfig.Builder}'s defaults, the
   * one set the API shares ({@code threads: 0} means all cores). {@code weighting}, when not null, replaces the
   * config's method (its options then apply only if it is the config's own method).
   */
  public static TrainingConfig training(RunConfig config, long seed, String weighting) {
    RunConfig.Training t = config.training() == null ? RunConfig.Training.DEFAULTS : config.training();
    TrainingConfig.Builder b = TrainingConfig.builder().seed(seed);
    if (t.epochs() != null) b.epochs(t.epochs());
    if (t.batchSize() != null) b.batchSize(t.batchSize());
    if (t.threads() != null) b.threads(t.threads() == 0 ? Runtime.getRuntime().availableProcessors() : t.threads());
    if (t.patience() != null) b.patience(t.patience());
    if (t.gradClipNorm() != null) b.gradClipNorm(t.gradClipNorm());
    if (t.sampling() != null) b.sampling(sampling(t.sampling()));
    if (t.representationGradients() != null) b.representationGradients(t.representationGradients());
    if (t.frozen() != null) b.frozen(t.frozen());
    TrainingConfig defaults = TrainingConfig.defaults();
    RunConfig.Named o = config.optimizer();
    if (o != null) b.optimizer(o.name() == null ? defaults.optimizer().name() : o.name(), o.options());
    RunConfig.Named w = config.weighting();
    String own = w == null || w.name() == null ? defaults.weighting().name() : w.name();
    boolean ownOptions = w != null && (weighting == null || weighting.equals(w.name()));
    return b.weighting(weighting != null ? weighting : own, ownOptions ? w.options() : Map.of()).build();
  }

  static Sampling sampling(String name) {
    for (Sampling s : Sampling.values()) if (s.configName().equalsIgnoreCase(name.strip())) return s;
    throw new IllegalArgumentException("training.sampling = '" + name + "', expected cycle, round-robin or proportional");
  }

  public boolean multiInput() {
    return multiTrain != null;
  }

  /** Trains {@code model} on the training part, validating on the validation part (if any). */
  public TrainingResult fit(Trainer trainer, MultiTaskModel model) {
    return multiInput() ? trainer.fit(model, multiTrain, multiValid) : trainer.fit(model, train, valid);
  }

  /** Trains on a cluster engine ({@code --engine spark}); single-input data only. */
  public TrainingResult fit(io.mtl4j.train.TrainingEngine engine, MultiTaskModel model,
                            io.mtl4j.train.TrainingConfig config, io.mtl4j.train.EngineOptions options) {
    if (multiInput()) {
      throw new IllegalArgumentException("--engine " + engine.name() + " needs single-input data (every task on the "
          + "same rows); this config gives each task its own rows: use the jvm engine");
    }
    return engine.fit(model, train, valid, config, options);
  }

  /**
   * Task relatedness of {@code model}'s tasks on the training part ({@link Relatedness#measure}), validating on the
   * validation part; single-input data only.
   */
  public io.mtl4j.analysis.Relatedness relate(MultiTaskModel model, io.mtl4j.train.TrainingConfig training,
      io.mtl4j.analysis.GradientProbe.Options probe, int models, io.mtl4j.train.TrainingListener... listeners) {
    if (multiInput()) {
      throw new IllegalArgumentException("relate needs single-input data (every task labelled on the same rows, "
          + "missing labels allowed); this config gives each task its own rows");
    }
    return io.mtl4j.analysis.Relatedness.measure(model, train, valid, training, probe, models, listeners);
  }

  /** MTRL's and clustered MTL's relations of {@code tasks} on the training part ({@link LearnedRelations#fit}). */
  public LearnedRelations learnedRelations(List<Task> tasks, LearnedRelations.Options options) {
    if (multiInput()) throw new IllegalArgumentException("learned relations need single-input data");
    return LearnedRelations.fit(train, tasks, options);
  }

  /** Subset models of {@code spec} for pairwise transfer and grouped training: chosen on validation, reported on test. */
  public io.mtl4j.analysis.SubsetTraining subsetTraining(ModelSpec spec, TrainingConfig training) {
    if (multiInput()) throw new IllegalArgumentException("pair and group training need single-input data");
    return new io.mtl4j.analysis.SubsetTraining(spec, train, valid != null ? valid : test, test != null ? test : valid,
        training, this::newModel);
  }

  public boolean hasValid() {
    return multiInput() ? multiValid != null : valid != null;
  }

  public boolean hasTest() {
    return multiInput() ? multiTest != null : test != null;
  }

  /** Metrics on the test part, else the validation part, else the training part. */
  public Evaluation evaluateFinal(MultiTaskModel model) {
    return evaluateFinal(model.tasks(), ModelEvaluator.predictor(model));
  }

  /** As above for any predictor of {@code tasks} (a classical model's). */
  public Evaluation evaluateFinal(List<Task> tasks, Predictor predictor) {
    if (multiInput()) {
      return ModelEvaluator.evaluate(tasks, predictor, hasTest() ? multiTest : hasValid() ? multiValid : multiTrain,
          Metrics.defaults());
    }
    return ModelEvaluator.evaluate(tasks, predictor, hasTest() ? test : hasValid() ? valid : train, Metrics.defaults());
  }

  /** Metrics on the validation part: what tuning chooses by (never the test part). */
  public Evaluation evaluateValid(MultiTaskModel model) {
    if (!hasValid()) throw new IllegalStateException("the split has no validation rows");
    return multiInput() ? ModelEvaluator.evaluate(model, multiValid) : ModelEvaluator.evaluate(model, valid);
  }

  /** Which part {@link #evaluateFinal} uses. */
  public String finalPart() {
    return hasTest() ? "test" : hasValid() ? "validation" : "training";
  }

  /** The binary and regression tasks' predictions on the part {@link #evaluateFinal} uses, for the report. */
  public List<io.mtl4j.cli.report.Predictions> finalPredictions(MultiTaskModel model) {
    return finalPredictions(model.tasks(), ModelEvaluator.predictor(model));
  }

  /** As above for any predictor of {@code tasks} (a classical model's). */
  public List<io.mtl4j.cli.report.Predictions> finalPredictions(List<Task> tasks, Predictor predictor) {
    if (multiInput()) {
      return Summaries.predictions(tasks, predictor, hasTest() ? multiTest : hasValid() ? multiValid : multiTrain);
    }
    return Summaries.predictions(tasks, predictor, hasTest() ? test : hasValid() ? valid : train);
  }

  public int trainRows() {
    return multiInput() ? MultiInput.rows(multiTrain) : train.rows();
  }

  public int validRows() {
    return multiInput() ? MultiInput.rows(multiValid) : valid == null ? 0 : valid.rows();
  }

  public int testRows() {
    return multiInput() ? MultiInput.rows(multiTest) : test == null ? 0 : test.rows();
  }

  long seed() {
    return seedOf(config);
  }

  /** The config's run seed, or the one default ({@link TrainingConfig#defaults()}). */
  public static long seedOf(RunConfig config) {
    return config.training() == null || config.training().seed() == null ? TrainingConfig.defaults().seed()
        : config.training().seed();
  }
}
