package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * A data file read as tables, as every command reads its data files: CSV with the config's reader options, or, by the
 * file's extension, a {@link ChunkFormat} (LibSVM, ARFF; Parquet when mtl4j-parquet is on the classpath). Training in
 * memory, {@code evaluate}, {@code compare} and {@code relate} read the chunks into one table, {@code predict} takes
 * them one at a time, so that every format gives the table that streaming gives it chunk by chunk.
 */
public final class DataTables {
  /** Rows per chunk of a chunked format read whole: the table holds every row anyway, this only sets the step. */
  private static final int CHUNK_ROWS = 8192;

  private DataTables() {}

  /** The whole of {@code file}; {@code key}, the config key or flag that named it, is what messages name. */
  public static Table read(RunConfig.Data d, String key, Path file, LongConsumer progress) {
    CsvSource.Options csv = DataOptions.csvOptions(d);
    if (format(key, file).isEmpty()) return new CsvSource(csv).read(file, progress);
    Table[] all = {null};
    readChunks(key, file, csv, CHUNK_ROWS, chunk -> {
      if (all[0] == null) all[0] = new Table(chunk.source(), chunk.names());
      Experiment.append(all[0], chunk);
    });
    return all[0];
  }

  /**
   * Hands {@code file}'s rows to {@code sink} in file order, in tables of at most {@code chunkRows} rows
   * (at least one).
   */
  public static void readChunks(String key, Path file, CsvSource.Options csv, int chunkRows, Consumer<Table> sink) {
    Optional<ChunkFormat> format = format(key, file);
    if (format.isEmpty()) {
      new CsvSource(csv).readChunks(file, chunkRows, sink);
      return;
    }
    try (ChunkReader reader = format.get().source(file, chunkRows).get()) {
      for (Table chunk = reader.next(); chunk != null; chunk = reader.next()) sink.accept(chunk);
    }
  }

  /**
   * The chunked format registered for {@code file}'s extension; empty for CSV, the default. A Parquet file is refused
   * by {@code key} when no Parquet reader is on the classpath, rather than read as CSV.
   */
  static Optional<ChunkFormat> format(String key, Path file) {
    return refuseUnreadable(key, file, ChunkFormat.forFile(file));
  }

  /** {@code found}, unless it is empty for a Parquet file: then a refusal naming {@code key} and the file. */
  static Optional<ChunkFormat> refuseUnreadable(String key, Path file, Optional<ChunkFormat> found) {
    if (found.isEmpty() && ChunkFormat.extension(file).equals("parquet")) {
      throw new IllegalArgumentException(key + " = " + file + ": reading Parquet needs the mtl4j-parquet module on the "
          + "classpath (formats found: " + ChunkFormat.available() + ")");
    }
    return found;
  }
}
