package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Gzip;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * How every text reader opens its file: buffered, gunzipped when the name ends in {@code .gz}, and past a UTF-8
 * byte-order mark (editors on Windows write one; left in, it became part of the first column's name). Also how
 * their read failures are reported, so a broken file reads the same in CSV, LibSVM and ARFF.
 */
final class TextInput {
  private static final int BUFFER = 1 << 16;

  private TextInput() {}

  static InputStream open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
    if (file.getFileName().toString().endsWith(".gz")) in = new BufferedInputStream(Gzip.open(in), BUFFER);
    skipByteOrderMark(in);
    return in;
  }

  static BufferedReader reader(Path file) throws IOException {
    return new BufferedReader(new InputStreamReader(open(file), StandardCharsets.UTF_8), BUFFER);
  }

  private static void skipByteOrderMark(InputStream in) throws IOException {
    in.mark(3);
    if (in.read() == 0xEF && in.read() == 0xBB && in.read() == 0xBF) return;
    in.reset();
  }

  /**
   * What a reader throws when reading {@code file} failed after {@code line} lines: a {@link DataFormatException}
   * for a missing or broken (truncated, corrupt) file, which is the user's to fix; an I/O error otherwise.
   */
  static RuntimeException failure(Path file, long line, IOException e) {
    if (e instanceof NoSuchFileException) return new DataFormatException(file.toString(), 0, 0, "no such file", e);
    if (e instanceof Gzip.CorruptException) {
      String after = line > 0 ? " after line " + line : " before the first line";
      return new DataFormatException(file.toString(), line, 0, e.getMessage() + after, e);
    }
    return new UncheckedIOException("cannot read " + file + (line > 0 ? " after line " + line : "") + ": " + e.getMessage(), e);
  }
}
