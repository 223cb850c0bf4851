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
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
      throw new DataFormatException(name, 0, 0, "not a readable Parquet file: " + e.getMessage(), e);
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
      rows.forEach(cells -> {
        chunk[0].add(cells, ++row[0]);
        if (chunk[0].rows() == chunkRows) {
          sink.accept(chunk[0]);
          chunk[0] = new Table(name, names);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
    if (chunk[0].rows() > 0 || row[0] == 0) sink.accept(chunk[0]);
  }
}
