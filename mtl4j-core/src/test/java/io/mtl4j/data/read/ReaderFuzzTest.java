package io.mtl4j.data.read;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of the text readers: CSV, LibSVM and ARFF, plain and gzipped (and, for gzip, cut
 * short), followed by schema inference and preprocessing as training would run them. Bad bytes may only ever give a
 * {@link DataFormatException}; any other exception, an {@code OutOfMemoryError} (the {@code untrusted-input}
 * Surefire execution runs with {@code -Xmx256m}) or an input read for over 10 s is a finding and fails the test.
 *
 * <p>Run alone (an IDE, no {@code JAZZER_FUZZ}) it replays the seeds in {@code ReaderFuzzTestInputs/}; the
 * {@code untrusted-input} Surefire execution of {@code mvn test} sets {@code JAZZER_FUZZ=1}: seeds, then mutation for
 * {@code maxDuration}.
 */
class ReaderFuzzTest {
  private static Path dir;

  @BeforeAll
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("mtl4j-reader-fuzz");
  }

  @AfterAll
  static void deleteDirectory() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) Files.delete(p);
    }
    Files.delete(dir);
  }

  private enum Format { CSV, LIBSVM, ARFF }

  @FuzzTest(maxDuration = "20s")
  void readersRefuseBadBytesOnlyWithDataFormatException(FuzzedDataProvider data) throws IOException {
    Format format = data.pickValue(Format.values());
    int compression = data.consumeInt(0, 2);   // 0 plain, 1 gzip, 2 gzip cut short
    int cut = data.consumeInt(0, Integer.MAX_VALUE);
    byte[] content = data.consumeRemainingAsBytes();
    String name = "input." + format.name().toLowerCase(java.util.Locale.ROOT) + (compression == 0 ? "" : ".gz");
    Path file = dir.resolve(name);
    Files.write(file, compression == 0 ? content : gzip(content, compression == 2 ? cut : Integer.MAX_VALUE));
    try {
      readWithin(format, file);
    } finally {
      Files.delete(file);
    }
  }

  /**
   * Reads on a worker thread so that a hang fails within {@link #BOUND_SECONDS} whatever the mode (JUnit's
   * {@code @Timeout} would bound the whole fuzzing run instead, and not the seeds replayed before it).
   */
  private static void readWithin(Format format, Path file) {
    Future<?> run = WORKER.submit(() -> read(format, file));
    try {
      run.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new AssertionError("reading " + file.getFileName() + " took over " + BOUND_SECONDS + " s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof DataFormatException) return;   // the one documented way to refuse bad input
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;          // OutOfMemoryError under -Xmx256m, StackOverflowError
      throw new AssertionError(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static final int BOUND_SECONDS = 10;

  private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "reader-fuzz");
    t.setDaemon(true);   // a reader that never returns must not keep the test JVM alive
    return t;
  });

  private static void read(Format format, Path file) {
    switch (format) {
      case CSV -> preprocess(new CsvSource(CsvSource.Options.defaults()).read(file));
      case LIBSVM -> LibSvmSource.read(file, "t", 0, 0);
      case ARFF -> preprocess(ArffSource.read(file));
    }
  }

  /** Schema inference and encoding of every column, as {@code mtl4j train} would with no tasks declared. */
  private static void preprocess(Table table) {
    if (table.rows() == 0) return;
    int[] rows = Preprocessing.allRows(table);
    Preprocessing.fit(table, rows, FeatureOptions.defaults(), List.of()).dataset(table, rows);
  }

  /** The gzip stream of {@code content}, keeping only its first {@code keep} bytes. */
  private static byte[] gzip(byte[] content, int keep) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] all = bytes.toByteArray();
    return keep >= all.length ? all : java.util.Arrays.copyOf(all, keep);
  }
}
