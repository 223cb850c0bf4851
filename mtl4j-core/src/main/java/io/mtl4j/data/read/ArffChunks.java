package io.mtl4j.data.read;

import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * An ARFF file (dense and sparse rows, gzipped or not) read as tables, so that the CLI reads it as a CSV file, in
 * memory or streamed: one column per {@code @attribute}, every row parsed and checked by {@link ArffSource}'s code,
 * errors naming the file, line and column. The columns come from the header, read once before the first read.
 */
public final class ArffChunks implements ChunkFormat {
  @Override
  public String name() {
    return "arff";
  }

  @Override
  public List<String> extensions() {
    return List.of("arff");
  }

  @Override
  public Supplier<ChunkReader> source(Path file, int chunkRows) {
    long[] line = {0};
    try (BufferedReader in = TextInput.reader(file)) {
      List<ArffAttribute> attributes = ArffSource.header(in, file.toString(), line);
      return () -> new Reader(file, attributes, chunkRows);
    } catch (IOException e) {
      throw TextInput.failure(file, line[0], e);
    }
  }

  /** One read of the file, at most {@code chunkRows} rows a table. */
  private static final class Reader implements ChunkReader {
    private final Path file;
    private final List<ArffAttribute> attributes;
    private final int chunkRows;
    private final BufferedReader in;
    private final long[] line = {0};
    private boolean first = true;

    Reader(Path file, List<ArffAttribute> attributes, int chunkRows) {
      this.file = file;
      this.attributes = attributes;
      this.chunkRows = chunkRows;
      try {
        this.in = TextInput.reader(file);
        ArffSource.header(in, file.toString(), line);
      } catch (IOException e) {
        throw TextInput.failure(file, line[0], e);
      }
    }

    @Override
    public Table next() {
      Table t = new Table(file.toString(), ArffSource.names(attributes), chunkRows);
      try {
        for (String s; t.rows() < chunkRows && (s = ArffSource.dataLine(in, line)) != null; ) {
          t.add(ArffSource.row(s, attributes, file.toString(), line[0]), line[0]);
        }
      } catch (IOException e) {
        throw TextInput.failure(file, line[0], e);
      }
      boolean give = first || t.rows() > 0;
      first = false;
      return give ? t : null;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw TextInput.failure(file, line[0], e);
      }
    }
  }
}
