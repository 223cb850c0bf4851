package io.mtl4j.parquet;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file (parquet-floor: no Hadoop) into {@link Table}s of at most {@code chunkRows} rows, streaming
 * row by row. Top-level columns only; values become their text, nulls are missing, as CSV cells would be.
 */
public final class ParquetSource {
  private ParquetSource() {}

  public static Table read(Path file) {
    List<Table> one = new ArrayList<>();
    readChunks(file, Integer.MAX_VALUE, one::add);
    return one.get(0);
  }

  public static void readChunks(Path file, int chunkRows, Consumer<Table> sink) {
    try (ChunkReader chunks = open(file, chunkRows)) {
      for (Table t; (t = chunks.next()) != null; ) sink.accept(t);
    }
  }

  /**
   * Pull-style {@link #readChunks}: the file's tables of at most {@code chunkRows} rows, at least one (maybe empty),
   * then null; what out-of-core training reads through a {@link io.mtl4j.data.RowStream}.
   */
  public static ChunkReader open(Path file, int chunkRows) {
    String name = file.toString();
    if (!Files.isRegularFile(file)) throw new DataFormatException(name, 0, 0, "no such file");
    File f = file.toFile();
    List<String> names = new ArrayList<>();
    try {
      for (Type t : ParquetReader.readMetadata(f).getFileMetaData().getSchema().getFields()) names.add(t.getName());
    } catch (IOException | RuntimeException e) {
      throw new DataFormatException(name, 0, 0, "not a readable Parquet file: " + causes(e, f), e);
    }
    try {
      return new Chunks(f, names, chunkRows, ParquetReader.streamContent(f, hydrator(names)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /** Each row as its cells' text by column position, nulls missing. */
  private static Hydrator<String[], String[], String[]> hydrator(List<String> names) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
    return new Hydrator<>() {
      public String[] start() {
        return new String[names.size()];
      }

      public String[] add(String[] target, String[] path, Object value) {
        Integer i = index.get(path[0]);
        if (i != null && value != null) target[i] = value instanceof Binary b ? b.toStringUsingUTF8() : String.valueOf(value);
        return target;
      }

      public String[] finish(String[] target) {
        return target;
      }
    };
  }

  /** The rows of one read of the file, a table of at most {@code chunkRows} at a time. */
  private static final class Chunks implements ChunkReader {
    private final File file;
    private final List<String> names;
    private final int chunkRows;
    private final Stream<String[]> stream;
    private final Iterator<String[]> rows;
    private long row;
    private boolean done;

    Chunks(File file, List<String> names, int chunkRows, Stream<String[]> stream) {
      this.file = file;
      this.names = names;
      this.chunkRows = chunkRows;
      this.stream = stream;
      this.rows = stream.iterator();
    }

    public Table next() {
      if (done) return null;
      Table chunk = new Table(file.toString(), names, Math.min(chunkRows, 1024));
      for (String[] cells; chunk.rows() < chunkRows && (cells = ParquetSource.next(rows, file, row)) != null; ) {
        chunk.add(cells, ++row);
      }
      done = chunk.rows() < chunkRows;
      // At least one table, even for a file of no rows; no empty table after a full one.
      return chunk.rows() > 0 || row == 0 ? chunk : null;
    }

    public void close() {
      done = true;
      stream.close();
    }
  }

  /** The next row or null; a decoding failure (not one of the sink's) names the file and the rows read. */
  private static String[] next(Iterator<String[]> rows, File file, long read) {
    try {
      return rows.hasNext() ? rows.next() : null;
    } catch (RuntimeException e) {
      throw new DataFormatException(file.toString(), 0, 0, "cannot decode the rows after row " + read + ": " + causes(e, file), e);
    }
  }

  /**
   * The distinct messages of a cause chain, with parquet-floor's nameless input objects
   * ({@code blue.strategic.parquet.ParquetReader$2@2471cca7}) replaced by the file's name.
   */
  static String causes(Throwable e, File file) {
    List<String> parts = new ArrayList<>();
    for (Throwable t = e; t != null && parts.size() < 8; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      m = INTERNAL_NAME.matcher(m).replaceAll(Matcher.quoteReplacement(file.getName()));
      // wrappers often end with their cause's message; say it once
      if (parts.isEmpty() || !parts.get(parts.size() - 1).endsWith(m)) parts.add(m);
    }
    return String.join(": ", parts);
  }

  private static final Pattern INTERNAL_NAME = Pattern.compile("[\\w.$]+@[0-9a-f]{4,}");
}
