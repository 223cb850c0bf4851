package io.mtl4j.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One side of a {@link HashSplit} of a file too large for memory, encoded chunk by chunk with fitted
 * {@link Preprocessing} (or by its reader, {@link #encoded}): each {@link #open} reads the file again from the start,
 * in file order. What out-of-core
 * training and evaluation read instead of a {@link Dataset}. With {@link StreamingOptions#parseAhead} the next chunk
 * is parsed while this one trains ({@link ParseAhead}); with {@link StreamingOptions#cacheDir} the first read that
 * reaches the end keeps the encoded rows on disk for later reads ({@link RowCache}) until {@link #close}. Neither
 * changes a chunk, so neither changes training.
 */
public final class RowStream implements AutoCloseable {
  private final Supplier<Chunks> read;
  private final int width;
  private final List<LabelEncoder> labels;
  private final int cellsPerRow;
  private final long rows;
  private final StreamingOptions options;
  private final RowCache cache;

  /**
   * @param source     opens the file afresh, chunked by {@code options.chunkRows()}
   * @param validation whether this stream is the validation side of {@code split} (else the training side)
   * @param rows       how many rows this side holds (counted by {@link StreamingFit})
   */
  public RowStream(Supplier<ChunkReader> source, Preprocessing preprocessing, HashSplit split, boolean validation,
                   long rows, StreamingOptions options) {
    this(Parsed.opener(source, ungrouped(preprocessing), split, validation), preprocessing.width(),
        preprocessing.labels(), preprocessing.encoders().size() + preprocessing.labels().size(), rows, options);
  }

  private RowStream(Supplier<Chunks> read, int width, List<LabelEncoder> labels, int cellsPerRow, long rows,
                    StreamingOptions options) {
    this.read = read;
    this.width = width;
    this.labels = List.copyOf(labels);
    this.cellsPerRow = cellsPerRow;
    this.rows = rows;
    this.options = options;
    this.cache = caches(options, cacheBytes()) ? new RowCache(options.cacheDir(), width, labels, options.chunkRows())
        : null;
  }

  /**
   * One side of a file whose reader splits and encodes the rows itself (LibSVM: no preprocessing to fit).
   *
   * @param side   opens this side's encoded rows afresh, in file order, in chunks of at most {@code options.chunkRows()}
   * @param labels each task's labels, in the chunks' task order (their widths and scaling)
   */
  public static RowStream encoded(Supplier<Chunks> side, int width, List<LabelEncoder> labels, long rows,
                                  StreamingOptions options) {
    return new RowStream(side, width, labels, width + labels.size(), rows, options);
  }

  private static Preprocessing ungrouped(Preprocessing preprocessing) {
    if (preprocessing.groups() != null) {
      throw new IllegalArgumentException("data.streaming: feature groups (inputs:) are not streamed; drop one of them");
    }
    return preprocessing;
  }

  /** Whether a cache fits both {@code cacheMaxBytes} and the free space of its directory (with room to spare). */
  private static boolean caches(StreamingOptions options, long bytes) {
    if (options.cacheDir() == null || bytes > options.cacheMaxBytes()) return false;
    try {
      Path dir = options.cacheDir();
      while (dir != null && !Files.exists(dir)) dir = dir.getParent();
      return dir != null && Files.getFileStore(dir).getUsableSpace() > 2 * bytes;
    } catch (IOException e) {
      return false; // a directory we cannot inspect gets no cache; the rows are parsed on every read instead
    }
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
    return width;
  }

  public List<String> tasks() {
    return labels.stream().map(l -> l.spec().task()).toList();
  }

  List<LabelEncoder> labelEncoders() {
    return labels;
  }

  public StreamingOptions options() {
    return options;
  }

  /** Bytes of this side's encoded rows: what a cache of them takes on disk. */
  public long cacheBytes() {
    return RowCache.bytes(rows, width, labels);
  }

  /**
   * About the most heap this stream's reads hold: the shuffle buffer, the chunk drawn from and, with parse-ahead,
   * two more, each as raw cells (some 64 bytes a cell: a code and its distinct string) and encoded floats.
   */
  public long heldBytes() {
    long rowBytes = RowCache.bytes(1, width, labels);
    long chunk = (long) options.chunkRows() * (rowBytes + 64L * cellsPerRow);
    return options.shuffleBuffer() * rowBytes + chunk * (options.parseAhead() ? 3 : 1);
  }

  /** Whether later reads come from a cache of the encoded rows (false: too large for the options or the disk). */
  public boolean cached() {
    return cache != null;
  }

  /** Reads the file (or its cache) from its start; the caller closes what it gets. */
  public Chunks open() {
    Chunks cached = cache == null ? null : cache.reader();
    if (cached != null) return cached;
    Chunks parsed = read.get();
    if (cache != null) parsed = cache.writer(parsed);
    return options.parseAhead() ? new ParseAhead(parsed) : parsed;
  }

  /** Deletes the cache, if any. */
  @Override
  public void close() {
    if (cache != null) cache.delete();
  }

  /** Every encoded chunk in file order (chunks with no row on this side are skipped). */
  public void forEach(Consumer<Dataset> sink) {
    try (Chunks chunks = open()) {
      for (Dataset d; (d = chunks.next()) != null; ) sink.accept(d);
    }
  }

  /** The encoded chunks of one read of the file. */
  public interface Chunks extends AutoCloseable {
    /** This side's rows of the next chunk that has any, encoded; null at the end of the file. */
    Dataset next();

    @Override
    void close();
  }

  /** Chunks parsed from the file, this side's rows encoded. */
  private static final class Parsed implements Chunks {
    private final ChunkReader reader;
    private final Preprocessing preprocessing;
    private final HashSplit split;
    private final boolean validation;
    private long row;

    private Parsed(ChunkReader reader, Preprocessing preprocessing, HashSplit split, boolean validation) {
      this.reader = reader;
      this.preprocessing = preprocessing;
      this.split = split;
      this.validation = validation;
    }

    static Supplier<Chunks> opener(Supplier<ChunkReader> source, Preprocessing p, HashSplit split, boolean validation) {
      return () -> new Parsed(source.get(), p, split, validation);
    }

    @Override
    public Dataset next() {
      for (Table t; (t = reader.next()) != null; ) {
        int[] mine = new int[t.rows()];
        int n = 0;
        for (int r = 0; r < t.rows(); r++, row++) if (split.isValidation(row) == validation) mine[n++] = r;
        if (n > 0) return preprocessing.dataset(t, Arrays.copyOf(mine, n));
      }
      return null;
    }

    @Override
    public void close() {
      reader.close();
    }
  }
}
