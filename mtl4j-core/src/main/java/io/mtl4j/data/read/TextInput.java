package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Gzip;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How every text reader opens its file: buffered, gunzipped when the name ends in {@code .gz}, and past a UTF-8
 * byte-order mark (editors on Windows write one; left in, it became part of the first column's name). Also how
 * their read failures are reported, so a broken file reads the same in CSV, LibSVM, ARFF, word vectors and the
 * FDU-MTL and 20-newsgroups readers.
 */
public final class TextInput {
  private static final int BUFFER = 1 << 16;

  private TextInput() {}

  /** The file's bytes: buffered, gunzipped when the name ends in {@code .gz}, past a UTF-8 byte-order mark. */
  public static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    if (file.getFileName().toString().endsWith(".gz")) in = new BufferedInputStream(Gzip.open(in), BUFFER);
    skipByteOrderMark(in);
    return in;
  }

  /** For line-by-line readers: a line longer than {@link #MAX_LINE} characters fails instead of filling the heap. */
  public static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(new BoundedLines(new InputStreamReader(open(file), StandardCharsets.UTF_8)), BUFFER);
  }

  /** Longest line {@link #reader} passes on (16 Mi characters, FastCSV's own bound on a CSV field). */
  public static final int MAX_LINE = 1 << 24;

  private static final class LineTooLongException extends IOException {
    LineTooLongException() {
      super("a line is longer than " + MAX_LINE + " characters (is this a text file of the expected format?)");
    }
  }

  /** Counts characters since the last line break as they pass, so no line longer than the bound is ever built. */
  private static final class BoundedLines extends FilterReader {
    private long sinceBreak;

    BoundedLines(Reader in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int c = super.read();
      if (c >= 0) count((char) c);
      return c;
    }

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      for (int i = off; i < off + n; i++) count(buffer[i]);
      return n;
    }

    private void count(char c) throws LineTooLongException {
      if (c == '\n' || c == '\r') sinceBreak = 0;
      else if (++sinceBreak > MAX_LINE) throw new LineTooLongException();
    }
  }

  private static void skipByteOrderMark(InputStream in) throws IOException {
    in.mark(3);
    if (in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF) return;
    in.reset();
  }

  /**
   * What a reader throws when reading {@code file} failed after {@code line} lines: a {@link DataFormatException}
   * for a missing or broken (truncated, corrupt, unbounded line) file, which is the user's to fix; an I/O error
   * otherwise.
   */
  public static RuntimeException failure(Path file, long line, IOException e) {
    if (e instanceof NoSuchFileException) return new DataFormatException(file.toString(), 0, 0, "no such file", e);
    if (e instanceof Gzip.CorruptException || e instanceof LineTooLongException) {
      String after = line > 0 ? " after line " + line : " before the first line";
      return new DataFormatException(file.toString(), line, 0, e.getMessage() + after, e);
    }
    return new UncheckedIOException("cannot read " + file + (line > 0 ? " after line " + line : "") + ": " + e.getMessage(), e);
  }
}
