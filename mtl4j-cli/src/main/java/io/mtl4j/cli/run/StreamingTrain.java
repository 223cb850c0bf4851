package io.mtl4j.cli.run;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.HashSplit;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.ShuffleBuffer;
import io.mtl4j.data.StreamingFit;
import io.mtl4j.data.StreamingOptions;
import io.mtl4j.data.read.CsvSource;
import io.mtl4j.io.ModelKey;
import io.mtl4j.task.Task;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingListener;
import io.mtl4j.train.TrainingResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * {@code mtl4j train} on a file larger than memory ({@code data.streaming} or {@code --stream}): CSV, or a format
 * found by its extension through {@link ChunkFormat} (LibSVM, ARFF; Parquet when mtl4j-parquet is on the classpath).
 * Preprocessing fitted in one pass, a hash split by row index into training and validation rows, each epoch one read
 * of the file through the seeded shuffle buffer; a checkpoint after each epoch, from which {@code --resume}
 * continues. Settings that need the whole table in memory are refused by name.
 */
public final class StreamingTrain {
  private StreamingTrain() {}

  /** What the caller adds to the run: the model file's training block, a progress listener, the run's state. */
  public record Hooks(BiFunction<ModelSpec, TrainingConfig, Map<String, Object>> trainingMap,
                      java.util.function.Function<List<String>, TrainingListener> progress,
                      RunState.Lifecycle lifecycle) {}

  /** Default {@code data.streaming.cacheMaxMB}: a side's row cache up to 4 GB. */
  static final int CACHE_MAX_MB = 4096;

  /**
   * The config's streaming settings, or the defaults ({@code --stream} without a {@code data.streaming} section):
   * parse-ahead on, the row cache in the system temporary directory.
   */
  public static StreamingOptions options(RunConfig.Data d) {
    StreamingOptions defaults = StreamingOptions.defaults();
    RunConfig.Streaming s = d.streaming() == null ? new RunConfig.Streaming(null, null, null, null, null, null)
        : d.streaming();
    int maxMB = s.cacheMaxMB() == null ? CACHE_MAX_MB : s.cacheMaxMB();
    if (maxMB < 0) throw new IllegalArgumentException("data.streaming.cacheMaxMB = " + maxMB + ", expected ≥ 0");
    Path dir = Path.of(s.cacheDir() == null ? System.getProperty("java.io.tmpdir") : s.cacheDir());
    return new StreamingOptions(s.chunkRows() == null ? defaults.chunkRows() : s.chunkRows(),
        s.shuffleBuffer() == null ? defaults.shuffleBuffer() : s.shuffleBuffer(),
        s.maxDistinct() == null ? defaults.maxDistinct() : s.maxDistinct(),
        s.parseAhead() == null || s.parseAhead(), maxMB == 0 ? null : dir, maxMB * 1_000_000L);
  }

  public static Integer run(RunConfig cfg, Path dataDir, Path out, long seed, ModelKey key, String dataSha256,
                            Hooks hooks) {
    refuseInMemoryOnly(cfg);
    RunConfig.Data d = cfg.data();
    StreamingOptions options = options(d);
    Path file = DataFiles.resolve(DataFiles.base(d, dataDir), d.train());
    Supplier<ChunkReader> source = source(d, file, options.chunkRows());
    HashSplit split = new HashSplit(d.split() == null || d.split().valid() == null ? 0.2 : d.split().valid(), seed);
    long t0 = System.nanoTime();
    StreamingFit.Result fit = StreamingFit.fit(source, split, DataOptions.featureOptions(cfg.features()),
        Experiment.labelSpecs(cfg.tasks()), options);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    // The experiment holds no table: only its model and training settings are used.
    Experiment exp = new Experiment(cfg, null, null, fit.preprocessing(), null, null, null, null, null, null, 0, fitSeconds);
    ModelSpec spec = exp.spec(cfg.architecture());
    TrainingConfig training = hooks.lifecycle().apply(exp.training(seed, null));
    try (RowStream train = RowStream.training(source, split, fit, options);
         RowStream valid = fit.validRows() == 0 ? null : RowStream.validation(source, split, fit, options)) {
      return train(exp, spec, training, fit, fitSeconds, train, valid, out, seed, key, dataSha256, hooks);
    }
  }

  private static Integer train(Experiment exp, ModelSpec spec, TrainingConfig training,
                               StreamingFit.Result fit, double fitSeconds, RowStream train, RowStream valid, Path out,
                               long seed, ModelKey key, String dataSha256, Hooks hooks) {
    StreamingOptions options = train.options();
    List<String> tasks = spec.tasks().stream().map(Task::name).toList();
    long bufferBytes = new ShuffleBuffer(train, 1).bytes() * options.shuffleBuffer();
    refuseOverHeap(train);
    System.out.printf(Locale.ROOT, "mtl4j train (streaming): %s, %d inputs, tasks %s; %d train / %d valid rows "
            + "(hash split); preprocessing pass %.2fs; chunks of %d rows, shuffle buffer %d rows (%.1f MB); %d threads%n",
        spec.architecture().name(), spec.inputs(), tasks, fit.trainRows(), fit.validRows(), fitSeconds,
        options.chunkRows(), options.shuffleBuffer(), bufferBytes / 1e6, training.threads());
    System.out.println(train.cached() ? String.format(Locale.ROOT, "row cache: %.1f MB in %s after the first epoch",
        train.cacheBytes() / 1e6, options.cacheDir()) : options.cacheDir() == null ? "no row cache: every epoch parses"
        : String.format(Locale.ROOT, "no row cache: %.1f MB is over data.streaming.cacheMaxMB or half the free space "
        + "of %s; every epoch parses", train.cacheBytes() / 1e6, options.cacheDir()));
    for (String c : fit.hashedPastBound()) {
      System.out.println("column '" + c + "' has more than data.streaming.maxDistinct = " + options.maxDistinct()
          + " distinct values: hashed into features.hashBuckets buckets");
    }
    MultiTaskModel model = exp.newModel(spec, seed);
    Trainer trainer = new Trainer(training, hooks.progress().apply(tasks));
    trainer.check(spec.tasks());
    // The shuffle of epoch e is drawn from (seed, e) and the buffer size: with the same file, a resume replays it.
    hooks.lifecycle().begin(out, seed, "training file SHA-256 " + dataSha256 + " streamed through a shuffle buffer of "
        + options.shuffleBuffer() + " rows");
    trainer.checkpoints(RunState.checkpoints(out), hooks.lifecycle().resumed() != null, key);
    TrainingResult result = trainer.fit(model, train, valid);

    Outputs o = Outputs.create(out);
    ModelStore.save(o.path("model.mtl4j"), model, fit.preprocessing(), hooks.trainingMap().apply(spec, training),
        dataSha256, seed, training.threads(), key);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("command", "train");
    metrics.put("model", spec.architecture().name());
    metrics.put("seed", seed);
    metrics.put("evaluatedOn", valid == null ? "none" : "validation");
    if (valid != null) metrics.put("validation", Summaries.evaluation(result.best().validation()));
    metrics.put("rows", Map.of("train", fit.trainRows(), "valid", fit.validRows(), "test", 0));
    metrics.put("streaming", Map.of("chunkRows", options.chunkRows(), "shuffleBuffer", options.shuffleBuffer(),
        "shuffleBufferBytes", bufferBytes, "hashedPastBound", fit.hashedPastBound(), "parseAhead", options.parseAhead(),
        "rowCacheBytes", train.cached() ? train.cacheBytes() : 0));
    metrics.put("timings", Map.of("preprocessSeconds", fitSeconds, "trainSeconds", result.seconds(),
        "trainRowsPerSecond", fit.trainRows() * (double) result.epochs().size() / result.seconds()));
    metrics.put("training", Summaries.training(result, tasks));
    o.writeJson("metrics.json", metrics);
    System.out.println();
    if (valid != null) {
      System.out.println("Metrics on validation rows:");
      System.out.print(Summaries.format(result.best().validation()));
    }
    System.out.println("Wrote " + o.path("metrics.json") + ", " + o.path("model.mtl4j"));
    return 0;
  }

  /**
   * The reads of {@code file}: by its extension a {@link ChunkFormat} (LibSVM, ARFF, Parquet), otherwise CSV with the
   * config's reader options.
   */
  static Supplier<ChunkReader> source(RunConfig.Data d, Path file, int chunkRows) {
    java.util.Optional<ChunkFormat> format = DataTables.format("data.train", file);
    if (format.isPresent()) return format.get().source(file, chunkRows);
    CsvSource csv = new CsvSource(DataOptions.csvOptions(d));
    return () -> csv.open(file, chunkRows);
  }

  /** Memory bounded by the options whatever the file: options needing over half the heap are refused by key. */
  private static void refuseOverHeap(RowStream train) {
    long held = train.heldBytes(), heap = Runtime.getRuntime().maxMemory(); // half left for the model and validation
    if (held > heap / 2) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "data.streaming.shuffleBuffer = %d and "
              + "data.streaming.chunkRows = %d hold about %.0f MB, over half the %.0f MB "
              + "heap: lower them, or raise the heap (-Xmx in MTL4J_JAVA_OPTS)", train.options().shuffleBuffer(),
          train.options().chunkRows(), held / 1e6, heap / 1e6));
    }
  }

  /** Streaming reads one training file front to back: what needs the rows in memory is refused by its key. */
  private static void refuseInMemoryOnly(RunConfig cfg) {
    RunConfig.Data d = cfg.data();
    String why = d.train() == null ? "data.train (the file to stream) is missing"
        : d.valid() != null || d.test() != null ? "data.valid/data.test files are not streamed; evaluate them with "
            + "mtl4j evaluate"
        : d.taskColumn() != null || cfg.tasks().stream().anyMatch(t -> t.file() != null) ? "multi-input data "
            + "(data.taskColumn, tasks[].file) is not streamed"
        : cfg.inputs() != null && !cfg.inputs().isEmpty() ? "feature groups (inputs:) are not streamed"
        : cfg.tune() != null ? "a tune section needs the rows in memory"
        : cfg.tasks().stream().anyMatch(AuxiliaryEntries::fromInput) ? "tasks[].auxiliary targets from the input "
            + "(reconstruction, masked-token) are not streamed"
        : d.split() != null && d.split().method() != null && !d.split().method().equals("random")
            ? "data.split.method must be random (a hash of the row index)"
        : d.split() != null && d.split().test() != null && d.split().test() > 0
            ? "data.split.test must be 0: streaming splits training and validation rows only"
        : null;
    if (why != null) throw new IllegalArgumentException("data.streaming: " + why);
  }
}
