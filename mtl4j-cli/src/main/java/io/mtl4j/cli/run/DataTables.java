package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * A data file read whole into a table, as training in memory, {@code evaluate}, {@code compare} and {@code relate}
 * read them: CSV with the config's reader options, or, by the file's extension, a {@link ChunkFormat} (LibSVM, ARFF;
 * Parquet when mtl4j-parquet is on the classpath) read chunk by chunk into one table, so that every format gives the
 * table that streaming gives it chunk by chunk.
 */
final class DataTables {
  /** Rows per chunk of a chunked format read whole: the table holds every row anyway, this only sets the step. */
  private static final int CHUNK_ROWS = 8192;

  private DataTables() {}

  static Table read(RunConfig.Data d, Path file, LongConsumer progress) {
    Optional<ChunkFormat> format = format(d, file);
    if (format.isEmpty()) return new CsvSource(DataOptions.csvOptions(d)).read(file, progress);
    try (ChunkReader reader = format.get().source(file, CHUNK_ROWS).get()) {
      Table all = null;
      for (Table chunk = reader.next(); chunk != null; chunk = reader.next()) {
        if (all == null) all = new Table(chunk.source(), chunk.names());
        Experiment.append(all, chunk);
      }
      return all;
    }
  }

  /**
   * The chunked format registered for {@code file}'s extension; empty for CSV, the default. A Parquet file is refused
   * by key when no Parquet reader is on the classpath, rather than read as CSV.
   */
  static Optional<ChunkFormat> format(RunConfig.Data d, Path file) {
    Optional<ChunkFormat> format = ChunkFormat.forFile(file);
    if (format.isEmpty() && ChunkFormat.extension(file).equals("parquet")) {
      throw new IllegalArgumentException("data.train = " + d.train() + ": reading Parquet needs the mtl4j-parquet "
          + "module on the classpath (formats found: " + ChunkFormat.available() + ")");
    }
    return format;
  }
}
