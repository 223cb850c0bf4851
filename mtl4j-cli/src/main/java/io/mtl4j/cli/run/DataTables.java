package io.mtl4j.cli.run;

import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

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

  /**
   * The whole of {@code file}; {@code key}, the config key or flag that named it, is what messages name.
   * {@code trained}: the training file's columns for a file read after it (see {@link #readChunks}), else null.
   */
  public static Table read(RunConfig.Data d, String key, Path file, List<String> trained, LongConsumer progress) {
    CsvSource.Options csv = DataOptions.csvOptions(d);
    if (format(key, file).isEmpty()) return new CsvSource(csv).read(file, progress);
    Table[] all = {null};
    readChunks(key, file, csv, trained, CHUNK_ROWS, chunk -> {
      if (all[0] == null) all[0] = new Table(chunk.source(), chunk.names());
      Experiment.append(all[0], chunk);
    });
    return all[0];
  }

  /**
   * Hands {@code file}'s rows to {@code sink} in file order, in tables of at most {@code chunkRows} rows
   * (at least one). With {@code trained}, the training file's columns, a file read after it (validation, test,
   * prediction) takes them where its format leaves them to the content: a LibSVM file has the training file's width.
   */
  public static void readChunks(String key, Path file, CsvSource.Options csv, List<String> trained, int chunkRows,
                                Consumer<Table> sink) {
    Optional<ChunkFormat> format = format(key, file);
    if (format.isEmpty()) {
      new CsvSource(csv).readChunks(file, chunkRows, sink);
      return;
    }
    Supplier<ChunkReader> reads = trained == null ? format.get().source(file, chunkRows)
        : format.get().source(file, chunkRows, trained);
    try (ChunkReader reader = reads.get()) {
      for (Table chunk = reader.next(); chunk != null; chunk = reader.next()) sink.accept(chunk);
    }
  }

  /**
   * The input columns a model reads, for {@link #readChunks}'s {@code trained}; null with feature groups, whose
   * columns a LibSVM file does not have. Its tasks' label columns are left out: a model trained on some labels of a
   * multilabel file still predicts and scores rows that carry the others.
   */
  public static List<String> columns(Preprocessing p) {
    if (p.groups() != null) return null;
    List<String> out = new ArrayList<>();
    for (FeatureEncoder e : p.encoders()) out.add(e.column());
    return out;
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
