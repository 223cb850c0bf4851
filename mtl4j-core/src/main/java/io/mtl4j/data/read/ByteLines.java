package io.mtl4j.data.read;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.read.TextInput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lines of a text file of mixed encoding, split on {@code \n} only, each decoded as UTF-8 when it is valid UTF-8 and
 * as windows-1252 otherwise (bytes it leaves undefined become U+FFFD). FDU-MTL needs this: most of its files are
 * UTF-8, MR's are cp1252, and one dvd line has a broken UTF-8 pair; decoding per line keeps every valid line exact.
 * Splitting on {@code \n} alone keeps U+0085 (NEL, in the imdb files) inside its line, where
 * {@link java.util.Scanner#nextLine()} would break it. A line longer than {@link TextInput#MAX_LINE} bytes fails.
 */
final class ByteLines implements AutoCloseable {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private final Path file;
  private final InputStream in;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
  private byte[] line = new byte[1 << 12];
  private long number;

  ByteLines(Path file) {
    this.file = file;
    try {
      this.in = TextInput.open(file);
    } catch (IOException e) {
      throw TextInput.failure(file, 0, e);
    }
  }

  /** The next line without its {@code \n}, or null at the end of the file. */
  String next() {
    int n = 0;
    try {
      int b;
      while ((b = in.read()) >= 0 && b != '\n') {
        if (n == line.length) grow();
        line[n++] = (byte) b;
      }
      if (b < 0 && n == 0) return null;
    } catch (IOException e) {
      throw TextInput.failure(file, number, e);
    }
    number++;
    return decode(n);
  }

  /** The 1-based number of the line {@link #next()} returned last. */
  long number() {
    return number;
  }

  private void grow() {
    if (line.length >= TextInput.MAX_LINE) {
      throw new DataFormatException(file.toString(), number + 1, 0, "a line is longer than " + TextInput.MAX_LINE
          + " bytes (is this a text file of the expected format?)");
    }
    line = Arrays.copyOf(line, Math.min(TextInput.MAX_LINE, line.length * 2));
  }

  private String decode(int n) {
    try {
      return utf8.decode(ByteBuffer.wrap(line, 0, n)).toString();
    } catch (CharacterCodingException e) {
      return new String(line, 0, n, WINDOWS_1252);
    }
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw TextInput.failure(file, number, e);
    }
  }
}
