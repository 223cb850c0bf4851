package io.mtl4j.data;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Gzip decompression whose failures say what went wrong in words a user can act on. The JDK reports a truncated file
 * as "Unexpected end of ZLIB input stream" (an {@link EOFException}, easily mistaken for a normal end) and damage as
 * a bare {@link ZipException}; both become a {@link CorruptException}, so readers can tell a broken file (bad input)
 * from a failing disk.
 */
public final class Gzip {
  private Gzip() {}

  /** A truncated or damaged compressed stream; the message says which, without the JDK's internal wording. */
  public static final class CorruptException extends IOException {
    CorruptException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Decompresses {@code raw}; reading past damage or a cut-off end throws {@link CorruptException}. */
  public static InputStream open(InputStream raw) throws IOException {
    try {
      return new Translating(new GZIPInputStream(raw, 1 << 16));
    } catch (EOFException | ZipException e) {
      throw translate(e);
    }
  }

  private static CorruptException translate(IOException e) {
    if (e instanceof EOFException) {
      return new CorruptException("unexpected end of compressed data (the file is truncated)", e);
    }
    String why = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
    if (why.contains("not in gzip format")) return new CorruptException("not in gzip format, though its name ends in .gz", e);
    return new CorruptException("corrupt compressed data (" + why + ")", e);
  }

  private static final class Translating extends FilterInputStream {
    Translating(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (EOFException | ZipException e) {
        throw translate(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (EOFException | ZipException e) {
        throw translate(e);
      }
    }
  }
}
