package io.mtl4j.cli.bench;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.HashSplit;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.StreamingFit;
import io.mtl4j.data.StreamingOptions;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.EpochRecord;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import io.mtl4j.train.TrainingResult;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Out-of-core training against in-memory training: a seeded CSV of {@code --rows} rows (generated into {@code --dir}
 * once) trained by streaming, and a {@code --memory-rows} file trained both in memory and streamed, so the
 * throughput ratio compares like with like (the in-memory table of distinct numeric strings needs far more heap than
 * the file's size, so that part runs with a larger heap). Reports rows/s per run and the heap pools' peak, and after
 * each round the streamed/in-memory ratios. Prints JSON lines.
 *
 * <p>Both sides are timed from the file to the trained model ({@code totalSeconds}, {@code rowsPerSecond}): the
 * in-memory side reads, fits and encodes the whole table before training, the streamed side fits in one pass and
 * parses and encodes inside its first epoch. Timing only the training loop ({@code trainSeconds},
 * {@code trainRowsPerSecond}) would charge the streamed side for the parsing and encoding that the in-memory side does
 * before its clock starts. The steady state, an epoch after the first (from the row cache when streamed), is the
 * {@code laterEpochs} ratio.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = "Out-of-core training: streamed vs in-memory throughput and peak heap on a generated CSV.")
public final class StreamBench implements Callable<Integer> {
  @Option(names = "--dir", required = true, description = "where the generated CSV files go (kept for reruns)")
  Path dir;
  @Option(names = "--rows", defaultValue = "5000000", description = "rows of the large file (streamed only)") long rows;
  @Option(names = "--memory-rows", defaultValue = "200000", description = "rows of the file trained both ways") long memoryRows;
  @Option(names = "--epochs", defaultValue = "1") int epochs;
  @Option(names = "--batch", defaultValue = "256") int batch;
  @Option(names = "--threads", defaultValue = "1") int threads;
  @Option(names = "--chunk-rows", defaultValue = "10000") int chunkRows;
  @Option(names = "--shuffle-buffer", defaultValue = "100000") int shuffleBuffer;
  @Option(names = "--skip-large", description = "only the like-for-like comparison on the small file") boolean skipLarge;
  @Option(names = "--repeats", defaultValue = "2", description = "rounds of the small file's pair") int repeats;
  @Option(names = "--no-parse-ahead", description = "parse every chunk on the training thread") boolean noParseAhead;
  @Option(names = "--no-cache", description = "parse the file on every epoch instead of caching the encoded rows in "
      + "--dir after the first") boolean noCache;
  @Option(names = "--skip-small", description = "only the large file, streamed (the in-memory run needs a larger heap)")
  boolean skipSmall;

  private static final List<LabelSpec> LABELS = List.of(new LabelSpec("y", "binary", List.of("y"), List.of("1"), null),
      new LabelSpec("r", "regression", List.of("r"), null, null, true));
  private static final List<Task> TASKS = List.of(Task.of("y", TaskType.binary(), "auc"),
      Task.of("r", TaskType.regression(), "rmse"));

  @Override
  public Integer call() throws IOException {
    if (rows < 1 || memoryRows < 1 || epochs < 1 || repeats < 1) {
      throw new IllegalArgumentException("--rows, --memory-rows, --epochs and --repeats must be ≥ 1");
    }
    StreamingOptions options = new StreamingOptions(chunkRows, shuffleBuffer, 10_000).withParseAhead(!noParseAhead)
        .withCache(noCache ? null : dir, Long.MAX_VALUE);
    if (!skipSmall) {
      Path small = StreamCsv.ensure(dir, memoryRows);
      // Alternating rounds: the first warms the JIT for both, so compare the last round's pair.
      for (int round = 0; round < repeats; round++) {
        Run memory = inMemory(small), streamed = streamed(small, options);
        System.out.println(memory.json());
        System.out.println(streamed.json());
        System.out.println(ratios(round, streamed, memory));
      }
    }
    if (!skipLarge) System.out.println(streamed(StreamCsv.ensure(dir, rows), options).json());
    return 0;
  }

  private TrainingConfig config() {
    return TrainingConfig.builder().epochs(epochs).batchSize(batch).threads(threads).seed(1).learningRate(0.001)
        .patience(0).build();
  }

  private static MultiTaskModel model(int inputs) {
    return MultiTaskModel.create(new ModelSpec(inputs, TASKS, new MMoE.Options(4, 32), new Head.Options(16)), 1);
  }

  private Run inMemory(Path file) throws IOException {
    resetPeaks();
    long t0 = System.nanoTime(), cpu0 = cpuNanos();
    Table table = new CsvSource(CsvSource.Options.defaults()).read(file);
    HashSplit split = new HashSplit(0.1, 1);
    int[] train = side(table.rows(), split);
    Preprocessing p = Preprocessing.fit(table, train, FeatureOptions.defaults(), LABELS);
    Dataset data = p.dataset(table, train);
    table = null; // training does not need the raw table: free it before the clock of training starts
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    MultiTaskModel model = model(p.width());
    TrainingResult r = new Trainer(config()).fit(model, data, null);
    return new Run("in-memory", Files.size(file), train.length, loadSeconds, r, cpuNanos() - cpu0, peakHeap());
  }

  private Run streamed(Path file, StreamingOptions options) throws IOException {
    resetPeaks();
    CsvSource csv = new CsvSource(CsvSource.Options.defaults());
    Supplier<ChunkReader> source = () -> csv.open(file, options.chunkRows());
    HashSplit split = new HashSplit(0.1, 1);
    long t0 = System.nanoTime(), cpu0 = cpuNanos();
    StreamingFit.Result fit = StreamingFit.fit(source, split, FeatureOptions.defaults(), LABELS, options);
    double fitSeconds = (System.nanoTime() - t0) / 1e9;
    MultiTaskModel model = model(fit.preprocessing().width());
    try (RowStream train = RowStream.training(source, split, fit, options)) {
      TrainingResult r = new Trainer(config()).fit(model, train, null);
      return new Run("streamed", Files.size(file), fit.trainRows(), fitSeconds, r, cpuNanos() - cpu0, peakHeap());
    }
  }

  /** The streamed/in-memory ratios of one round: from the file, the training loop alone, and epochs after the first. */
  private static String ratios(int round, Run streamed, Run memory) {
    return String.format(Locale.ROOT, "{\"bench\":\"stream\",\"mode\":\"ratio\",\"round\":%d,\"total\":%.3f,"
            + "\"totalCpu\":%.3f,\"trainingLoop\":%.3f,\"laterEpochs\":%s}", round,
        streamed.rowsPerSecond() / memory.rowsPerSecond(), streamed.rowsPerCpuSecond() / memory.rowsPerCpuSecond(),
        memory.result().seconds() / streamed.result().seconds(), laterEpochs(streamed, memory));
  }

  /** In-memory over streamed seconds of the epochs after the first ("null" for one epoch). */
  private static String laterEpochs(Run streamed, Run memory) {
    double s = streamed.laterEpochSeconds(), m = memory.laterEpochSeconds();
    return Double.isNaN(s) || Double.isNaN(m) ? "null" : String.format(Locale.ROOT, "%.3f", m / s);
  }

  private static int[] side(int n, HashSplit split) {
    return java.util.stream.IntStream.range(0, n).filter(i -> !split.isValidation(i)).toArray();
  }

  /**
   * CPU time of the whole JVM (every thread: parse-ahead, GC, JIT): under a load of many processes on few cores the
   * wall clock measures the scheduler's share, so rows per CPU second is the like-for-like figure there.
   */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /**
   * One timed run.
   *
   * @param loadSeconds reading, fitting and encoding before training (streamed: the preprocessing pass only)
   * @param cpuNanos    the JVM's CPU time over load and training
   */
  private record Run(String mode, long fileBytes, long trainRows, double loadSeconds, TrainingResult result,
                     long cpuNanos, long peakHeap) {
    double totalSeconds() {
      return loadSeconds + result.seconds();
    }

    double rowsPerSecond() {
      return trainRows * (double) result.epochs().size() / totalSeconds();
    }

    double rowsPerCpuSecond() {
      return trainRows * (double) result.epochs().size() / (cpuNanos / 1e9);
    }

    /** Mean seconds of an epoch after the first, or NaN for one epoch. */
    double laterEpochSeconds() {
      List<EpochRecord> e = result.epochs();
      return e.subList(1, e.size()).stream().mapToDouble(EpochRecord::seconds).average().orElse(Double.NaN);
    }

    String json() {
      double epochs = result.epochs().size();
      return String.format(Locale.ROOT, "{\"bench\":\"stream\",\"mode\":\"%s\",\"fileBytes\":%d,\"trainRows\":%d,"
              + "\"epochs\":%d,\"loadSeconds\":%.2f,\"trainSeconds\":%.2f,\"totalSeconds\":%.2f,\"rowsPerSecond\":%.0f,"
              + "\"trainRowsPerSecond\":%.0f,\"cpuSeconds\":%.2f,\"rowsPerCpuSecond\":%.0f,\"epochSeconds\":%s,"
              + "\"peakHeapMB\":%.1f,\"maxHeapMB\":%.1f,\"finalLoss\":%s}", mode, fileBytes, trainRows, (int) epochs,
          loadSeconds, result.seconds(), totalSeconds(), rowsPerSecond(), trainRows * epochs / result.seconds(),
          cpuNanos / 1e9, rowsPerCpuSecond(), epochSeconds(result), peakHeap / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6,
          java.util.Arrays.toString(result.epochs().get(result.epochs().size() - 1).trainLoss()).replace(" ", ""));
    }
  }

  /** Each epoch's seconds: the first streamed epoch parses, later ones read the row cache. */
  private static String epochSeconds(TrainingResult r) {
    return r.epochs().stream().map(e -> String.format(Locale.ROOT, "%.2f", e.seconds()))
        .collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }

  private static void resetPeaks() {
    System.gc(); // so the peak starts from live data, not the previous run's garbage
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
  }

  /** The sum of the heap pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
    }
    return sum;
  }

  /** The seeded CSV: x1..x16 numeric (x16 with 5 % missing), c1 (20 categories), c2 (5), labels y and r. */
  static final class StreamCsv {
    private StreamCsv() {}

    /** {@code dir}/stream-ROWS.csv, written (through a temporary file and a rename) unless it exists. */
    static Path ensure(Path dir, long rows) throws IOException {
      Files.createDirectories(dir);
      Path file = dir.resolve("stream-" + rows + ".csv");
      if (Files.exists(file)) return file;
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        write(w, rows, new SplittableRandom(1));
      }
      return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void write(BufferedWriter w, long rows, SplittableRandom random) throws IOException {
      StringBuilder line = new StringBuilder(256);
      for (int i = 1; i <= 16; i++) line.append('x').append(i).append(',');
      w.write(line.append("c1,c2,y,r\n").toString());
      double[] x = new double[16];
      for (long row = 0; row < rows; row++) {
        line.setLength(0);
        for (int i = 0; i < 16; i++) {
          x[i] = random.nextGaussian();
          if (i < 15 || random.nextInt(20) > 0) fixed(line, x[i]);
          line.append(',');
        }
        int c1 = random.nextInt(20), c2 = random.nextInt(5);
        boolean y = x[0] + x[1] - x[2] + (c2 == 0 ? 1 : 0) + 0.5 * random.nextGaussian() > 0;
        line.append('k').append(c1).append(',').append((char) ('a' + c2)).append(',').append(y ? '1' : '0').append(',');
        fixed(line, 2 * x[3] - x[4] + 0.1 * random.nextGaussian());
        w.write(line.append('\n').toString());
      }
    }

    /** {@code v} with six decimals, without String.format's cost. */
    private static void fixed(StringBuilder out, double v) {
      long micro = Math.round(v * 1e6);
      if (micro < 0) {
        out.append('-');
        micro = -micro;
      }
      out.append(micro / 1_000_000).append('.');
      String frac = Long.toString(micro % 1_000_000);
      for (int i = frac.length(); i < 6; i++) out.append('0');
      out.append(frac);
    }
  }
}
