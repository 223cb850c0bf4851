package io.mtl4j.data;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One side of a {@link HashSplit} of a file too large for memory, encoded chunk by chunk with fitted
 * {@link Preprocessing}: each {@link #open} reads the file again from the start, in file order. What out-of-core
 * training and evaluation read instead of a {@link Dataset}.
 */
public final class RowStream {
  private final Supplier<ChunkReader> source;
  private final Preprocessing preprocessing;
  private final HashSplit split;
  private final boolean validation;
  private final long rows;
  private final StreamingOptions options;

  /**
   * @param source     opens the file afresh, chunked by {@code options.chunkRows()}
   * @param validation whether this stream is the validation side of {@code split} (else the training side)
   * @param rows       how many rows this side holds (counted by {@link StreamingFit})
   */
  public RowStream(Supplier<ChunkReader> source, Preprocessing preprocessing, HashSplit split, boolean validation,
                   long rows, StreamingOptions options) {
    if (preprocessing.groups() != null) {
      throw new IllegalArgumentException("data.streaming: feature groups (inputs:) are not streamed; drop one of them");
    }
    this.source = source;
    this.preprocessing = preprocessing;
    this.split = split;
    this.validation = validation;
    this.rows = rows;
    this.options = options;
  }

  /** The training side of a fitted file. */
  public static RowStream training(Supplier<ChunkReader> source, HashSplit split, StreamingFit.Result fit,
                                   StreamingOptions options) {
    return new RowStream(source, fit.preprocessing(), split, false, fit.trainRows(), options);
  }

  /** The validation side of a fitted file. */
  public static RowStream validation(Supplier<ChunkReader> source, HashSplit split, StreamingFit.Result fit,
                                     StreamingOptions options) {
    return new RowStream(source, fit.preprocessing(), split, true, fit.validRows(), options);
  }

  public long rows() {
    return rows;
  }

  public int featureCount() {
    return preprocessing.width();
  }

  public List<String> tasks() {
    return preprocessing.labels().stream().map(l -> l.spec().task()).toList();
  }

  List<LabelEncoder> labelEncoders() {
    return preprocessing.labels();
  }

  public StreamingOptions options() {
    return options;
  }

  /** Reads the file from its start; the caller closes what it gets. */
  public Chunks open() {
    return new Chunks(source.get());
  }

  /** Every encoded chunk in file order (chunks with no row on this side are skipped). */
  public void forEach(Consumer<Dataset> sink) {
    try (Chunks chunks = open()) {
      for (Dataset d; (d = chunks.next()) != null; ) sink.accept(d);
    }
  }

  /** The encoded chunks of one read of the file. */
  public final class Chunks implements AutoCloseable {
    private final ChunkReader reader;
    private long row;

    private Chunks(ChunkReader reader) {
      this.reader = reader;
    }

    /** This side's rows of the next chunk that has any, encoded; null at the end of the file. */
    public Dataset next() {
      for (Table t; (t = reader.next()) != null; ) {
        int[] mine = new int[t.rows()];
        int n = 0;
        for (int r = 0; r < t.rows(); r++, row++) if (split.isValidation(row) == validation) mine[n++] = r;
        if (n > 0) return preprocessing.dataset(t, java.util.Arrays.copyOf(mine, n));
      }
      return null;
    }

    @Override
    public void close() {
      reader.close();
    }
  }
}
