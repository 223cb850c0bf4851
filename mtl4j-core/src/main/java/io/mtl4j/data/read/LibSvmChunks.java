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
 * A LibSVM file read as tables, so that the CLI streams it exactly as a CSV file: the same preprocessing pass, split,
 * encoders and model file. A single-label file has the columns {@link #LABEL} (the label as written) and
 * {@code f1…fd} (absent entries are 0); a multilabel one (a label token lists indices, {@code 0,3}) has one 0/1
 * column per label, {@code label_0…label_{K-1}}, then {@code f1…fd}. Every line is checked as {@link LibSvmSource}
 * checks it, errors naming the file, line and column. The width and K (the largest label index + 1) are learned in
 * one pass before the first read; a file read after the training file takes that file's instead.
 */
public final class LibSvmChunks implements ChunkFormat {
  /** The label column's name; a multilabel file's columns add {@code _k}. */
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
    long[] shape = LibSvmSource.scan(file, 0, LibSvmSource.DETECT);
    int width = (int) shape[1], labels = shape[5] == 1 ? (int) shape[4] : 0;
    return reads(file, chunkRows, width, labels);
  }

  /**
   * With the training file's {@code columns}, the file takes its width and labels: absent features are 0 as always,
   * and an index past them is refused naming the line, since the model has no input or task for it. Columns that
   * name no label column (a model's inputs) leave the labels to the file, as when it is read alone.
   */
  @Override
  public Supplier<ChunkReader> source(Path file, int chunkRows, List<String> columns) {
    int width = 0, labels = 0;
    for (String c : columns) {
      if (c.matches("f[1-9][0-9]*")) width = Math.max(width, Integer.parseInt(c.substring(1)));
      if (c.matches(LABEL + "_(0|[1-9][0-9]*)")) {
        labels = Math.max(labels, Integer.parseInt(c.substring(LABEL.length() + 1)) + 1);
      }
    }
    if (width == 0) return source(file, chunkRows); // no LibSVM training file's columns
    if (labels == 0 && !columns.contains(LABEL)) {
      long[] shape = LibSvmSource.scan(file, width, LibSvmSource.DETECT, TRAINED);
      return reads(file, chunkRows, width, shape[5] == 1 ? (int) shape[4] : 0);
    }
    LibSvmSource.scan(file, width, labels, TRAINED);
    return reads(file, chunkRows, width, labels);
  }

  /** Whose width and labels a file read after the training file has, in messages. */
  private static final String TRAINED = "the training file's";

  private static Supplier<ChunkReader> reads(Path file, int chunkRows, int width, int labels) {
    List<String> names = new ArrayList<>(Math.max(1, labels) + width);
    if (labels == 0) names.add(LABEL);
    for (int k = 0; k < labels; k++) names.add(LABEL + "_" + k);
    for (int c = 1; c <= width; c++) names.add("f" + c);
    return () -> new Reader(file, names, labels, chunkRows);
  }

  /** One read of the file, at most {@code chunkRows} rows a table. */
  private static final class Reader implements ChunkReader {
    private final Path file;
    private final List<String> names;
    /** Multilabel width K, 0 for a single-label file. */
    private final int labels;
    private final int chunkRows;
    private final BufferedReader in;
    private final float[] label;
    private long line;
    private boolean first = true;

    Reader(Path file, List<String> names, int labels, int chunkRows) {
      this.file = file;
      this.names = names;
      this.labels = labels;
      this.label = new float[Math.max(1, labels)];
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
      int features = Math.max(1, labels); // the column of f1
      String[] tokens = s.split("\\s+"), cells = new String[names.size()];
      Arrays.fill(cells, features, cells.length, "0");
      Arrays.fill(label, 0f);
      int[] entry = {1};
      LibSvmSource.parseRow(s, file, line, cells.length - features, labels, label, 0, (c, v) -> {
        String token = tokens[entry[0]++];
        cells[c + features] = token.substring(token.indexOf(':') + 1);
      });
      if (labels == 0) cells[0] = tokens[0];
      for (int k = 0; k < labels; k++) cells[k] = label[k] == 1f ? "1" : "0";
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
