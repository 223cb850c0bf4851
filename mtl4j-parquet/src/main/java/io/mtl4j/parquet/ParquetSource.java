package io.mtl4j.parquet;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
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
    String name = file.toString();
    if (!Files.isRegularFile(file)) throw new DataFormatException(name, 0, 0, "no such file");
    File f = file.toFile();
    List<String> names = new ArrayList<>();
    try {
      for (Type t : ParquetReader.readMetadata(f).getFileMetaData().getSchema().getFields()) names.add(t.getName());
    } catch (IOException | RuntimeException e) {
      throw new DataFormatException(name, 0, 0, "not a readable Parquet file: " + causes(e, f), e);
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
    Table[] chunk = {new Table(name, names)};
    long[] row = {0};
    Hydrator<String[], String[], String[]> hydrator = new Hydrator<>() {
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
    try (Stream<String[]> rows = ParquetReader.streamContent(f, hydrator)) {
      Iterator<String[]> it = rows.iterator();
      for (String[] cells; (cells = next(it, f, row[0])) != null; ) {
        chunk[0].add(cells, ++row[0]);
        if (chunk[0].rows() == chunkRows) {
          sink.accept(chunk[0]);
          chunk[0] = new Table(name, names);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
    if (chunk[0].rows() > 0 || row[0] == 0) sink.accept(chunk[0]);
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
