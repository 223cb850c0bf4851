package io.mtl4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Raw rows as dictionary-encoded string columns: each cell is an int code into its column's list of distinct values
 * (-1 = missing). Readers fill it row by row, so memory is 4 bytes per cell plus the distinct values, and parsing a
 * numeric column converts each distinct string once. Remembers the source line of every row for error messages.
 */
public final class Table {
  public static final int MISSING = -1;

  private final String source;
  private final List<String> names;
  private final Column[] columns;
  private int[] lines;
  private int rows;

  public Table(String source, List<String> names) {
    this(source, names, 1024);
  }

  /** With room for {@code rows} rows before growing (a service's few-row requests need not allocate 1024). */
  public Table(String source, List<String> names, int rows) {
    this.source = source;
    this.names = List.copyOf(names);
    this.columns = new Column[names.size()];
    this.lines = new int[Math.max(1, rows)];
    for (int c = 0; c < columns.length; c++) columns[c] = new Column(Math.max(1, rows));
  }

  /** Appends one row; {@code null} cells are missing. */
  public void add(String[] cells, long line) {
    if (rows == lines.length) lines = Arrays.copyOf(lines, rows * 2);
    lines[rows] = (int) Math.min(Integer.MAX_VALUE, line);
    for (int c = 0; c < columns.length; c++) columns[c].add(cells[c], rows);
    rows++;
  }

  public String source() {
    return source;
  }

  public int rows() {
    return rows;
  }

  public List<String> names() {
    return names;
  }

  /** Index of a column, or -1. */
  public int indexOf(String name) {
    return names.indexOf(name);
  }

  /** Index of a column; a {@link DataFormatException} naming the known columns otherwise. */
  public int require(String name, String purpose) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new DataFormatException(source, 0, 0, purpose + " column '" + name + "' is not in the file; columns: " + names);
    }
    return i;
  }

  /** The code of row {@code row} in column {@code column}, or {@link #MISSING}. */
  public int code(int column, int row) {
    return columns[column].codes[row];
  }

  /** Distinct values of a column, indexed by code. */
  public List<String> values(int column) {
    return columns[column].values;
  }

  /** Source line (1-based) of a row. */
  public long line(int row) {
    return lines[row];
  }

  /** First row whose cell in {@code column} has code {@code code} (for error messages). */
  public int firstRowWith(int column, int code) {
    int[] codes = columns[column].codes;
    for (int r = 0; r < rows; r++) if (codes[r] == code) return r;
    return -1;
  }

  /**
   * A column's codes and its distinct values. The dictionary is open addressing over int arrays rather than a
   * HashMap: a chunk of a numeric column has about as many distinct values as rows, and a node and a boxed code per
   * value were most of a streamed parse.
   */
  private static final class Column {
    int[] codes;
    final List<String> values = new ArrayList<>();
    private int[] hashes = new int[16]; // per code, its value's hash
    private int[] slots = new int[32]; // code + 1 where a value lives, 0 where none; at most half full
    private int shift = 32 - 5; // 32 - log2(slots.length)

    Column(int rows) {
      codes = new int[rows];
    }

    void add(String cell, int row) {
      if (row == codes.length) codes = Arrays.copyOf(codes, row * 2);
      codes[row] = cell == null ? MISSING : code(cell);
    }

    /** The code of {@code cell}, a new one (the next in first-seen order) for a value not seen before. */
    private int code(String cell) {
      int hash = cell.hashCode(), mask = slots.length - 1;
      for (int i = home(hash); ; i = (i + 1) & mask) {
        int code = slots[i] - 1;
        if (code < 0) {
          code = values.size();
          values.add(cell);
          if (code == hashes.length) hashes = Arrays.copyOf(hashes, code * 2);
          hashes[code] = hash;
          slots[i] = code + 1;
          if (2 * values.size() > slots.length) rehash();
          return code;
        }
        if (hashes[code] == hash && values.get(code).equals(cell)) return code;
      }
    }

    private void rehash() {
      slots = new int[slots.length * 2];
      shift--;
      int mask = slots.length - 1;
      for (int code = 0; code < values.size(); code++) {
        int i = home(hashes[code]);
        while (slots[i] != 0) i = (i + 1) & mask;
        slots[i] = code + 1;
      }
    }

    /** The first slot to probe: the top bits of the hash times 2^32/φ, which every bit of the hash reaches. */
    private int home(int hash) {
      return (hash * 0x9E3779B9) >>> shift;
    }
  }
}
