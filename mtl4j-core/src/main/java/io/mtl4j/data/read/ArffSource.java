package io.mtl4j.data.read;

import de.siegmar.fastcsv.reader.CsvRecord;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads Weka ARFF files (dense and sparse {@code {index value, …}} rows, gzipped or not) into a {@link Table}, one
 * column per {@code @attribute}; sparse rows leave absent attributes at "0", as ARFF defines. Every present value is
 * checked against its declaration ({@link ArffAttribute}). The MULAN multilabel sets are ARFF files whose last
 * attributes are {0,1} labels (named in their XML file).
 */
public final class ArffSource {
  private ArffSource() {}

  public static Table read(Path file) {
    String name = file.toString();
    long[] n = {0};
    try (BufferedReader in = TextInput.reader(file)) {
      List<ArffAttribute> attributes = header(in, name, n);
      Table table = new Table(name, names(attributes));
      for (String s; (s = dataLine(in, n)) != null; ) table.add(row(s, attributes, name, n[0]), n[0]);
      return table;
    } catch (IOException e) {
      throw TextInput.failure(file, n[0], e);
    }
  }

  /**
   * Reads the header up to and including {@code @data}, counting lines in {@code line[0]}: the declarations in order.
   * Shared with {@link ArffChunks}, so that both read the same files the same way.
   */
  static List<ArffAttribute> header(BufferedReader in, String file, long[] line) throws IOException {
    List<ArffAttribute> attributes = new ArrayList<>();
    for (String s; (s = in.readLine()) != null; ) {
      line[0]++;
      s = s.strip();
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("@attribute")) {
        attributes.add(ArffAttribute.parse(s.substring("@attribute".length()).strip(), file, line[0]));
      } else if (lower.startsWith("@data")) {
        if (attributes.isEmpty()) throw new DataFormatException(file, line[0], 1, "@data before any @attribute");
        return attributes;
      }
    }
    throw new DataFormatException(file, line[0], 0, "no @data section");
  }

  static List<String> names(List<ArffAttribute> attributes) {
    return attributes.stream().map(ArffAttribute::name).toList();
  }

  /** The next data line, stripped, past blank lines and {@code %} comments; null at the end. */
  static String dataLine(BufferedReader in, long[] line) throws IOException {
    for (String s; (s = in.readLine()) != null; ) {
      line[0]++;
      s = s.strip();
      if (!s.isEmpty() && !s.startsWith("%")) return s;
    }
    return null;
  }

  /** One data line's cells (null where missing), each checked against its declaration. */
  static String[] row(String s, List<ArffAttribute> attributes, String file, long line) {
    return s.startsWith("{") ? sparse(s, attributes, file, line) : dense(s, attributes, file, line);
  }

  private static String[] dense(String s, List<ArffAttribute> attributes, String file, long line) {
    int width = attributes.size();
    CsvRecord r = ArffAttribute.values(s, file, line);
    if (r.getFieldCount() != width) {
      throw new DataFormatException(file, line, Math.min(width, r.getFieldCount()) + 1, "row has " + r.getFieldCount()
          + " values, expected " + width + " (one per @attribute)");
    }
    String[] out = new String[width];
    for (int i = 0; i < width; i++) {
      String v = r.getField(i).strip();
      out[i] = v.equals("?") || v.isEmpty() ? null : v;
      attributes.get(i).check(out[i], file, line, i + 1);
    }
    return out;
  }

  private static String[] sparse(String s, List<ArffAttribute> attributes, String file, long line) {
    int width = attributes.size();
    if (!s.endsWith("}")) throw new DataFormatException(file, line, s.length(), "sparse row does not end with '}'");
    String[] out = new String[width];
    Arrays.fill(out, "0");
    String body = s.substring(1, s.length() - 1).strip();
    if (body.isEmpty()) return out;
    for (String pair : body.split(",")) {
      String[] iv = pair.strip().split("\\s+", 2);
      int index;
      try {
        index = Integer.parseInt(iv[0]);
        if (index < 0 || index >= width || iv.length < 2) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        throw new DataFormatException(file, line, s.indexOf(pair) + 1, "bad sparse entry '" + pair.strip()
            + "', expected 'index value' with 0 ≤ index < " + width);
      }
      out[index] = iv[1].equals("?") ? null : iv[1];
      attributes.get(index).check(out[index], file, line, s.indexOf(pair) + 1);
    }
    return out;
  }
}
