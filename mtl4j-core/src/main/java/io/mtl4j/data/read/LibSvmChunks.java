package io.mtl4j.data.read;

import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A single-label LibSVM file read as tables, so that the CLI streams it exactly as a CSV file: the same
 * preprocessing pass, split, encoders and model file. Columns are {@link #LABEL} (the label as written) and
 * {@code f1…fd} (absent entries are 0); every line is checked as {@link LibSvmSource} checks it, errors naming the
 * file, line and column. The width is the largest index, learned in one pass before the first read.
 */
public final class LibSvmChunks implements ChunkFormat {
  /** The label column's name. */
  public static final String LABEL = "label";

  @Override
  public String name() {
    return "libsvm";
  }

  @Override
  public List<String> extensions() {
    return List.of("libsvm", "svm", "svmlight");
  }

  @Override
  public Supplier<ChunkReader> source(Path file, int chunkRows) {
    int width = (int) LibSvmSource.scan(file, 0, 0)[1];
    List<String> names = new ArrayList<>(width + 1);
    names.add(LABEL);
    for (int c = 1; c <= width; c++) names.add("f" + c);
    return () -> new Reader(file, names, chunkRows);
  }

  /** One read of the file, at most {@code chunkRows} rows a table. */
  private static final class Reader implements ChunkReader {
    private final Path file;
    private final List<String> names;
    private final int chunkRows;
    private final BufferedReader in;
    private final float[] label = new float[1];
    private long line;
    private boolean first = true;

    Reader(Path file, List<String> names, int chunkRows) {
      this.file = file;
      this.names = names;
      this.chunkRows = chunkRows;
      try {
        this.in = TextInput.reader(file);
      } catch (IOException e) {
        throw TextInput.failure(file, 0, e);
      }
    }

    @Override
    public Table next() {
      Table t = new Table(file.toString(), names, chunkRows);
      try {
        for (String s; t.rows() < chunkRows && (s = in.readLine()) != null; ) {
          line++;
          s = s.strip();
          if (!s.isEmpty() && !s.startsWith("#")) t.add(cells(s), line);
        }
      } catch (IOException e) {
        throw TextInput.failure(file, line, e);
      }
      boolean give = first || t.rows() > 0;
      first = false;
      return give ? t : null;
    }

    /** The row's cells: its values as written (checked by the same parse as the in-memory reader), zeros elsewhere. */
    private String[] cells(String s) {
      String[] tokens = s.split("\\s+"), cells = new String[names.size()];
      Arrays.fill(cells, 1, cells.length, "0");
      cells[0] = tokens[0];
      int[] entry = {1};
      LibSvmSource.parseRow(s, file, line, cells.length - 1, 0, label, 0, (c, v) -> {
        String token = tokens[entry[0]++];
        cells[c + 1] = token.substring(token.indexOf(':') + 1);
      });
      return cells;
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        throw TextInput.failure(file, line, e);
      }
    }
  }
}
