package io.mtl4j.data.read;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Reads Weka ARFF files (dense and sparse {@code {index value, …}} rows, gzipped or not) into a {@link Table}, one
 * column per {@code @attribute}; sparse rows leave absent attributes at "0", as ARFF defines. The MULAN multilabel
 * sets are ARFF files whose last attributes are {0,1} labels (named in their XML file).
 */
public final class ArffSource {
  private ArffSource() {}

  public static Table read(Path file) {
    String name = file.toString();
    try (InputStream raw = Files.newInputStream(file);
         BufferedReader in = new BufferedReader(new InputStreamReader(
             name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, StandardCharsets.UTF_8), 1 << 16)) {
      List<String> attributes = new ArrayList<>();
      String line;
      long n = 0;
      boolean data = false;
      Table table = null;
      while ((line = in.readLine()) != null) {
        n++;
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("%")) continue;
        if (!data) {
          String lower = s.toLowerCase(Locale.ROOT);
          if (lower.startsWith("@attribute")) {
            attributes.add(attributeName(s.substring("@attribute".length()).strip(), name, n));
          } else if (lower.startsWith("@data")) {
            if (attributes.isEmpty()) throw new DataFormatException(name, n, 1, "@data before any @attribute");
            data = true;
            table = new Table(name, attributes);
          }
          continue;
        }
        table.add(s.startsWith("{") ? sparse(s, attributes.size(), name, n) : dense(s, attributes.size(), name, n), n);
      }
      if (table == null) throw new DataFormatException(name, n, 0, "no @data section");
      return table;
    } catch (NoSuchFileException e) {
      throw new DataFormatException(name, 0, 0, "no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  private static String attributeName(String rest, String file, long line) {
    if (rest.startsWith("'") || rest.startsWith("\"")) {
      int end = rest.indexOf(rest.charAt(0), 1);
      if (end < 0) throw new DataFormatException(file, line, 11, "unclosed quote in attribute name");
      return rest.substring(1, end);
    }
    int space = rest.indexOf(' ') < 0 ? rest.indexOf('\t') : rest.indexOf(' ');
    if (space <= 0) throw new DataFormatException(file, line, 11, "attribute without a type: '" + rest + "'");
    return rest.substring(0, space);
  }

  private static String[] dense(String s, int width, String file, long line) {
    CsvRecord r = CsvReader.builder().quoteCharacter('\'').ofSingleCsvRecord(s);
    if (r.getFieldCount() != width) {
      throw new DataFormatException(file, line, Math.min(width, r.getFieldCount()) + 1, "row has " + r.getFieldCount()
          + " values, expected " + width + " (one per @attribute)");
    }
    String[] out = new String[width];
    for (int i = 0; i < width; i++) {
      String v = r.getField(i).strip();
      out[i] = v.equals("?") || v.isEmpty() ? null : v;
    }
    return out;
  }

  private static String[] sparse(String s, int width, String file, long line) {
    if (!s.endsWith("}")) throw new DataFormatException(file, line, s.length(), "sparse row does not end with '}'");
    String[] out = new String[width];
    Arrays.fill(out, "0");
    String body = s.substring(1, s.length() - 1).strip();
    if (body.isEmpty()) return out;
    for (String pair : body.split(",")) {
      String[] iv = pair.strip().split("\\s+", 2);
      try {
        int index = Integer.parseInt(iv[0]);
        if (index < 0 || index >= width || iv.length < 2) throw new NumberFormatException();
        out[index] = iv[1].equals("?") ? null : iv[1];
      } catch (NumberFormatException e) {
        throw new DataFormatException(file, line, s.indexOf(pair) + 1, "bad sparse entry '" + pair.strip()
            + "', expected 'index value' with 0 ≤ index < " + width);
      }
    }
    return out;
  }
}
