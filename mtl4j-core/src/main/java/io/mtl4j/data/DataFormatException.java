package io.mtl4j.data;

/**
 * A malformed input file: names the file, the 1-based line and column (0 when not known) and what was expected.
 * Extends {@link IllegalArgumentException} because bad input is the caller's fault (CLI exit code 2).
 */
public final class DataFormatException extends IllegalArgumentException {
  private final String file;
  private final long line;
  private final int column;

  public DataFormatException(String file, long line, int column, String message) {
    this(file, line, column, message, null);
  }

  public DataFormatException(String file, long line, int column, String message, Throwable cause) {
    super(place(file, line, column) + ": " + message, cause);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  private static String place(String file, long line, int column) {
    StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
    if (line > 0) sb.append(':').append(line);
    if (column > 0) sb.append(':').append(column);
    return sb.toString();
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public int column() {
    return column;
  }
}
