package io.mtl4j.data.read;

import io.mtl4j.data.Dataset;
import io.mtl4j.data.HashSplit;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.RowStream;
import io.mtl4j.data.StreamingOptions;
import io.mtl4j.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A LibSVM file too large for memory, streamed for out-of-core training through a {@link RowStream}: one pass counts
 * rows and width ({@link #fit}), then each read gives one side of a {@link HashSplit} as dense chunks of at most
 * {@code chunkRows} rows, with the labels {@link LibSvmSource#read} gives (±1 labels of a single-label file become
 * 0/1). Chunks are dense since a model's input layer makes every batch dense anyway; memory is chunkRows × width
 * floats per chunk.
 */
public final class LibSvmStream {
  private LibSvmStream() {}

  /**
   * The file's shape from one pass.
   *
   * @param plusMinus single-label file whose every label is ±1 (read as 0/1)
   */
  public record Fit(Path file, String task, int width, int labels, long rows, boolean plusMinus) {
    /** The rows of the file on one side of {@code split}. */
    public long rows(HashSplit split, boolean validation) {
      long n = 0;
      for (long r = 0; r < rows; r++) if (split.isValidation(r) == validation) n++;
      return n;
    }
  }

  /**
   * @param features input width (0: the largest index in the file)
   * @param labels   multilabel width (0: single-label task)
   */
  public static Fit fit(Path file, String task, int features, int labels) {
    long[] shape = LibSvmSource.scan(file, features, labels);
    int width = features > 0 ? features : (int) shape[1];
    return new Fit(file, task, width, labels, shape[0], labels == 0 && shape[3] == 0);
  }

  /** One side of {@code split}, read afresh by each {@link RowStream#open}. */
  public static RowStream side(Fit fit, HashSplit split, boolean validation, StreamingOptions options) {
    List<String> columns = fit.labels() == 0 ? List.of(fit.task())
        : IntStream.range(0, fit.labels()).mapToObj(k -> fit.task() + k).toList();
    // The labels are used as read: the spec only gives their width (no classes, no scaling).
    LabelSpec spec = new LabelSpec(fit.task(), fit.labels() == 0 ? "regression" : "multilabel", columns, null, null);
    return RowStream.encoded(() -> new Chunks(fit, split, validation, options.chunkRows()), fit.width(),
        List.of(new LabelEncoder(spec, List.of(), null)), fit.rows(split, validation), options);
  }

  /** This side's rows, parsed into dense chunks. */
  private static final class Chunks implements RowStream.Chunks {
    private final Fit fit;
    private final HashSplit split;
    private final boolean validation;
    private final int chunkRows;
    private final BufferedReader in;
    private long line, row;

    Chunks(Fit fit, HashSplit split, boolean validation, int chunkRows) {
      this.fit = fit;
      this.split = split;
      this.validation = validation;
      this.chunkRows = chunkRows;
      try {
        this.in = TextInput.reader(fit.file());
      } catch (IOException e) {
        throw TextInput.failure(fit.file(), 0, e);
      }
    }

    @Override
    public Dataset next() {
      int d = fit.width(), lw = Math.max(1, fit.labels());
      float[] x = new float[chunkRows * d], y = new float[chunkRows * lw];
      int n = 0;
      try {
        for (String s; n < chunkRows && (s = in.readLine()) != null; ) {
          line++;
          s = s.strip();
          if (s.isEmpty() || s.startsWith("#") || split.isValidation(row++) != validation) continue;
          int base = n * d;
          LibSvmSource.parseRow(s, fit.file(), line, d, fit.labels(), y, n++, (c, v) -> x[base + c] = v);
        }
      } catch (IOException e) {
        throw TextInput.failure(fit.file(), line, e);
      }
      if (n == 0) return null;
      if (fit.plusMinus()) for (int i = 0; i < n; i++) y[i] = y[i] > 0 ? 1f : 0f;
      float[] features = n < chunkRows ? Arrays.copyOf(x, n * d) : x, labels = n < chunkRows ? Arrays.copyOf(y, n * lw) : y;
      return Dataset.builder(Tensor.of(features, n, d)).task(fit.task(), Tensor.of(labels, n, lw)).build();
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw TextInput.failure(fit.file(), line, e);
      }
    }
  }
}
