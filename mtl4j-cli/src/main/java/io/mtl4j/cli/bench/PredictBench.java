package io.mtl4j.cli.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.SavedModel;
import io.mtl4j.onnx.OnnxExport;
import io.mtl4j.onnx.OnnxInputs;
import io.mtl4j.runtime.RuntimeModel;
import io.mtl4j.runtime.RuntimeTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prediction latency of mtl4j-runtime next to ONNX Runtime on the same model and rows, in one run: each call timed
 * alone, single rows and batches of 256, one JSON line per engine and batch size with the median and 99th percentile.
 * mtl4j-runtime takes raw rows (its preprocessing included); ONNX Runtime takes the exported graph's inputs (numbers
 * and category indices, prepared before timing), on one intra-op thread like the runtime.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
    description = "Prediction latency: mtl4j-runtime vs ONNX Runtime (single row and batch 256).")
public final class PredictBench implements Callable<Integer> {
  private static final int BATCH = 256;
  private static final String NUMERIC = "numeric";         // the exported graph's inputs (see OnnxExport)
  private static final String CATEGORICAL = "categorical";

  @Option(names = "--model", description = "a model file with preprocessing (default: a census-income-shaped MMoE "
      + "with random weights, built here)") Path model;
  @Option(names = "--calls", defaultValue = "20000", description = "timed single-row calls per engine") int calls;
  @Option(names = "--batch-calls", defaultValue = "400", description = "timed batch calls per engine") int batchCalls;
  @Option(names = "--warmup", defaultValue = "20000", description = "untimed single-row calls first") int warmup;
  @Option(names = "--seed", defaultValue = "1") long seed;

  @Override
  public Integer call() throws Exception {
    if (calls < 1 || batchCalls < 1 || warmup < 0) {
      throw new IllegalArgumentException("--calls and --batch-calls must be ≥ 1 and --warmup ≥ 0, got " + calls + ", "
          + batchCalls + ", " + warmup);
    }
    Path dir = Files.createTempDirectory("mtl4j-bench-predict");
    try {
      Path file = model;
      if (file == null) {
        file = dir.resolve("census-shaped-mmoe.mtl4j");
        PredictWorkload.writeCensusShaped(file, seed);
        System.err.println("bench predict: census-income-shaped MMoE with random weights (timing only)");
      }
      run(file, dir);
    } finally {
      deleteTree(dir);
    }
    return 0;
  }

  private void run(Path file, Path dir) throws OrtException {
    SavedModel saved = ModelFile.load(file);
    if (saved.metadata().preprocessing().isEmpty()) {
      throw new IllegalArgumentException(file + ": the model has no saved preprocessing; bench predict feeds raw rows");
    }
    Preprocessing p = Preprocessing.fromMap(saved.metadata().preprocessing());
    Table table = PredictWorkload.rows(p, BATCH, seed + 1);
    List<Map<String, Object>> rows = PredictWorkload.maps(p, table);
    RuntimeModel runtime = RuntimeModel.load(file);
    Path onnx = dir.resolve("model.onnx");
    OnnxExport.write(saved, onnx);
    OnnxInputs inputs = OnnxInputs.of(p, table);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(1);
      try (OrtSession session = env.createSession(onnx.toString(), options)) {
        Ort ort = new Ort(env, session, inputs, runtime.tasks());
        float[] single = new float[runtime.outputWidth()], batch = new float[BATCH * runtime.outputWidth()];
        int[] next = {0};
        Runnable mtl4jRow = () -> runtime.predict(rows.get(next[0]++ % BATCH), single);
        Runnable ortRow = () -> ort.run(next[0]++ % BATCH, 1);
        print("mtl4j-runtime", 1, time(mtl4jRow, warmup, calls));
        print("onnxruntime", 1, time(ortRow, warmup, calls));
        print("mtl4j-runtime", BATCH, time(() -> runtime.predict(rows, batch), warmup / BATCH + 10, batchCalls));
        print("onnxruntime", BATCH, time(() -> ort.run(0, BATCH), warmup / BATCH + 10, batchCalls));
        runtime.predict(rows, batch);
        System.err.printf(Locale.ROOT, "bench predict: max |mtl4j-runtime − onnxruntime| over %d rows = %.3g%n", BATCH,
            ort.maxDifference(batch, runtime.outputWidth()));
      }
    }
  }

  /** Nanoseconds of each of {@code n} calls after {@code warm} untimed ones, sorted. */
  private static long[] time(Runnable call, int warm, int n) {
    for (int i = 0; i < warm; i++) call.run();
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      call.run();
      t[i] = System.nanoTime() - start;
    }
    Arrays.sort(t);
    return t;
  }

  private static void print(String engine, int batch, long[] sorted) {
    System.out.printf(Locale.ROOT, "{\"workload\":\"predict\",\"engine\":\"%s\",\"batch\":%d,\"p50_us\":%.2f,"
        + "\"p99_us\":%.2f}%n", engine, batch, percentile(sorted, 0.50) / 1e3, percentile(sorted, 0.99) / 1e3);
  }

  /** The nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  /** ONNX Runtime on row slices of the prepared graph inputs; outputs copied out like the runtime's. */
  private static final class Ort {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final OnnxInputs in;
    private final List<RuntimeTask> tasks;
    private final Map<String, float[]> last = new HashMap<>();

    Ort(OrtEnvironment env, OrtSession session, OnnxInputs in, List<RuntimeTask> tasks) {
      this.env = env;
      this.session = session;
      this.in = in;
      this.tasks = tasks;
    }

    void run(int from, int rows) {
      Map<String, OnnxTensor> feeds = new HashMap<>();
      try {
        if (in.numericWidth() > 0) {
          feeds.put(NUMERIC, OnnxTensor.createTensor(env, DoubleBuffer.wrap(in.numeric(), from * in.numericWidth(),
              rows * in.numericWidth()), new long[] {rows, in.numericWidth()}));
        }
        if (in.categoricalWidth() > 0) {
          feeds.put(CATEGORICAL, OnnxTensor.createTensor(env, LongBuffer.wrap(in.categorical(),
              from * in.categoricalWidth(), rows * in.categoricalWidth()), new long[] {rows, in.categoricalWidth()}));
        }
        try (OrtSession.Result result = session.run(feeds)) {
          for (RuntimeTask t : tasks) {
            OnnxTensor y = (OnnxTensor) result.get(t.name()).orElseThrow();
            java.nio.FloatBuffer b = y.getFloatBuffer();
            float[] out = new float[b.remaining()];
            b.get(out);
            last.put(t.name(), out);
          }
        }
      } catch (OrtException e) {
        throw new IllegalStateException("ONNX Runtime: " + e.getMessage(), e);
      } finally {
        feeds.values().forEach(OnnxTensor::close);
      }
    }

    /** Max |difference| between the last batch ONNX Runtime predicted and {@code runtime}'s rows of the same batch. */
    double maxDifference(float[] runtime, int width) {
      run(0, BATCH);
      double max = 0;
      for (RuntimeTask t : tasks) {
        float[] y = last.get(t.name());
        for (int r = 0; r < BATCH; r++) {
          for (int k = 0; k < t.width(); k++) {
            max = Math.max(max, Math.abs(y[r * t.width() + k] - runtime[r * width + t.offset() + k]));
          }
        }
      }
      return max;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
