package io.mtl4j.data.read;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Reads delimited text (FastCSV) into {@link Table}s, streaming: {@link #readChunks} hands over tables of at most
 * {@code chunkRows} rows, so no caller needs the whole file in memory. Files ending in {@code .gz} are decompressed.
 */
public final class CsvSource {
  /**
   * @param delimiter field separator
   * @param quote     quote character
   * @param header    whether the first record names the columns
   * @param columns   column names when there is no header (empty: {@code c1, c2, …})
   * @param trim      strip spaces around every value (census files write ", " between fields)
   * @param comment   lines starting with this character are skipped (0: none)
   * @param missing   values meaning "missing" (after trimming); the empty string is always missing
   */
  public record Options(char delimiter, char quote, boolean header, List<String> columns, boolean trim, char comment,
                        Set<String> missing) {
    public Options {
      if (delimiter == quote) throw new IllegalArgumentException("csv: delimiter and quote are both '" + delimiter + "'");
      if (delimiter == '\n' || delimiter == '\r') throw new IllegalArgumentException("csv: delimiter is a line break");
      columns = columns == null ? List.of() : List.copyOf(columns);
      missing = missing == null ? Set.of("?", "NA", "NaN") : Set.copyOf(missing);
      if (header && !columns.isEmpty()) {
        throw new IllegalArgumentException("csv: both header = true and explicit column names given; use one");
      }
    }

    /** Comma-separated with a header, '"' quotes, values trimmed, "?", "NA", "NaN" and "" missing. */
    public static Options defaults() {
      return new Options(',', '"', true, List.of(), true, (char) 0, null);
    }

    public Options withColumns(List<String> names) {
      return new Options(delimiter, quote, false, names, trim, comment, missing);
    }

    public Options withComment(char c) {
      return new Options(delimiter, quote, header, columns, trim, c, missing);
    }
  }

  private final Options options;

  public CsvSource(Options options) {
    this.options = options;
  }

  private static final int PROGRESS_EVERY = 10_000;

  /** The whole file as one table. */
  public Table read(Path file) {
    return read(file, rows -> { });
  }

  /** The whole file as one table; {@code progress} hears the running row count every 10,000 rows (progress bars). */
  public Table read(Path file, LongConsumer progress) {
    List<Table> one = new ArrayList<>();
    readChunks(file, Integer.MAX_VALUE, one::add, progress);
    return one.get(0);
  }

  /** Streams the file as tables of at most {@code chunkRows} rows (at least one table, maybe empty). */
  public void readChunks(Path file, int chunkRows, Consumer<Table> sink) {
    readChunks(file, chunkRows, sink, rows -> { });
  }

  private void readChunks(Path file, int chunkRows, Consumer<Table> sink, LongConsumer progress) {
    try (Chunks chunks = open(file, chunkRows, progress)) {
      for (Table t; (t = chunks.next()) != null; ) sink.accept(t);
    }
  }

  /** Pull-style {@link #readChunks}: out-of-core training asks for the next chunk when its buffer has room. */
  public ChunkReader open(Path file, int chunkRows) {
    return open(file, chunkRows, rows -> { });
  }

  private Chunks open(Path file, int chunkRows, LongConsumer progress) {
    try {
      return new Chunks(file, chunkRows, progress);
    } catch (IOException e) {
      throw TextInput.failure(file, 0, e);
    }
  }

  /** The file's chunks in order: at least one table (maybe empty), then null. */
  private final class Chunks implements ChunkReader {
    private final Path file;
    private final String name;
    private final int chunkRows;
    private final LongConsumer progress;
    private final InputStream in;
    private final CsvReader<CsvRecord> reader;
    private final Iterator<CsvRecord> records;
    private List<String> names = options.columns();
    private long lastLine, rows;
    private boolean sentOne, done;

    Chunks(Path file, int chunkRows, LongConsumer progress) throws IOException {
      this.file = file;
      this.name = file.toString();
      this.chunkRows = chunkRows;
      this.progress = progress;
      this.in = TextInput.open(file);
      this.reader = builder().ofCsvRecord(in, StandardCharsets.UTF_8);
      this.records = reader.iterator();
    }

    public Table next() {
      if (done) return null;
      try {
        Table chunk = null;
        for (CsvRecord record; (record = CsvSource.next(records, file, lastLine)) != null; ) {
          lastLine = record.getStartingLineNumber();
          if (names.isEmpty() && options.header()) {
            names = header(record, name);
            continue;
          }
          if (names.isEmpty()) names = generated(record.getFieldCount());
          if (chunk == null) chunk = new Table(name, names, Math.min(chunkRows, 1024));
          chunk.add(cells(record, names.size(), name), record.getStartingLineNumber());
          if (++rows % PROGRESS_EVERY == 0) progress.accept(rows);
          if (chunk.rows() == chunkRows) {
            sentOne = true;
            return chunk;
          }
        }
        done = true;
        if (names.isEmpty()) throw new DataFormatException(name, 0, 0, "the file is empty: no header and no rows");
        progress.accept(rows);
        if (chunk == null && sentOne) return null;
        return chunk == null ? new Table(name, names) : chunk;
      } catch (CsvParseException e) {
        throw new DataFormatException(name, 0, 0, "cannot parse: " + e.getMessage(), e);
      }
    }

    public void close() {
      try (in; reader) {
        done = true;
      } catch (IOException e) {
        throw TextInput.failure(file, lastLine, e);
      }
    }
  }

  /** The next record or null; read errors (not those of the sink) name the file and the line reached. */
  private static CsvRecord next(Iterator<CsvRecord> records, Path file, long lastLine) {
    try {
      return records.hasNext() ? records.next() : null;
    } catch (UncheckedIOException e) {
      // FastCSV wraps them as "Exception when reading first record", naming neither the file nor the cause.
      throw TextInput.failure(file, lastLine, e.getCause());
    }
  }

  private CsvReader.CsvReaderBuilder builder() {
    CsvReader.CsvReaderBuilder b = CsvReader.builder().fieldSeparator(options.delimiter()).quoteCharacter(options.quote())
        .skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true);
    if (options.comment() != 0) b.commentStrategy(CommentStrategy.SKIP).commentCharacter(options.comment());
    return b;
  }

  private List<String> header(CsvRecord record, String file) {
    List<String> names = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < record.getFieldCount(); c++) {
      String n = record.getField(c).strip();
      if (n.isEmpty()) {
        throw new DataFormatException(file, record.getStartingLineNumber(), c + 1, "header column " + (c + 1) + " has no name");
      }
      if (!seen.add(n)) {
        throw new DataFormatException(file, record.getStartingLineNumber(), c + 1, "duplicate column name '" + n + "'");
      }
      names.add(n);
    }
    return names;
  }

  private static List<String> generated(int count) {
    List<String> names = new ArrayList<>();
    for (int c = 1; c <= count; c++) names.add("c" + c);
    return names;
  }

  private String[] cells(CsvRecord record, int width, String file) {
    if (record.getFieldCount() != width) {
      throw new DataFormatException(file, record.getStartingLineNumber(), Math.min(width, record.getFieldCount()) + 1,
          "row has " + record.getFieldCount() + " fields, expected " + width + " (as in the header)");
    }
    String[] out = new String[width];
    for (int c = 0; c < width; c++) {
      String v = record.getField(c);
      if (options.trim()) v = v.strip();
      out[c] = v.isEmpty() || options.missing().contains(v) ? null : v;
    }
    return out;
  }
}
