package io.mtl4j.data.read;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Schema;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One {@code @attribute} declaration of an ARFF header and the values it admits: a nominal attribute
 * ({@code {red, 'dark blue'}}) only its declared values, a numeric one ({@code numeric}, {@code real},
 * {@code integer}) only finite numbers; string, date and relational attributes anything. The header is the file's
 * own schema, so a value outside it is refused where it stands rather than becoming a new category.
 *
 * @param nominal the declared values of a nominal attribute, unquoted (empty: not nominal)
 */
record ArffAttribute(String name, boolean numeric, Set<String> nominal) {
  private static final Set<String> NUMERIC = Set.of("numeric", "real", "integer");
  private static final int NAME_COLUMN = "@attribute ".length() + 1;

  /** Parses what follows {@code @attribute} on line {@code line}. */
  static ArffAttribute parse(String rest, String file, long line) {
    String name, type;
    if (rest.startsWith("'") || rest.startsWith("\"")) {
      int end = rest.indexOf(rest.charAt(0), 1);
      if (end < 0) throw new DataFormatException(file, line, NAME_COLUMN, "unclosed quote in attribute name");
      name = rest.substring(1, end);
      type = rest.substring(end + 1).strip();
    } else {
      int space = rest.indexOf(' ') < 0 ? rest.indexOf('\t') : rest.indexOf(' ');
      if (space <= 0) throw new DataFormatException(file, line, NAME_COLUMN, "attribute without a type: '" + rest + "'");
      name = rest.substring(0, space);
      type = rest.substring(space + 1).strip();
    }
    if (type.startsWith("{")) return new ArffAttribute(name, false, nominalValues(type, file, line));
    return new ArffAttribute(name, NUMERIC.contains(type.toLowerCase(Locale.ROOT)), Set.of());
  }

  private static Set<String> nominalValues(String type, String file, long line) {
    int close = type.lastIndexOf('}');
    if (close < 0) throw new DataFormatException(file, line, 0, "nominal values '" + type + "' do not end with '}'");
    Set<String> values = new LinkedHashSet<>();
    for (String v : values(type.substring(1, close), file, line).getFields()) values.add(unquote(v.strip()));
    return Set.copyOf(values);
  }

  /** Comma-separated values with ARFF's single quotes, as in a dense data row or a nominal declaration. */
  static CsvRecord values(String text, String file, long line) {
    try {
      return CsvReader.builder().quoteCharacter('\'').ofSingleCsvRecord(text);
    } catch (CsvParseException e) {
      throw new DataFormatException(file, line, 0, "bad quoting: " + e.getMessage(), e);
    }
  }

  /** Refuses a present value ({@code null} is missing) that the declaration does not admit. */
  void check(String value, String file, long line, int column) {
    if (value == null) return;
    if (!nominal.isEmpty() && !nominal.contains(unquote(value))) {
      throw new DataFormatException(file, line, column, "value '" + value + "' of attribute '" + name
          + "' is not declared in the header; declared: " + nominal);
    }
    if (numeric && !Schema.finiteNumber(value)) {
      throw new DataFormatException(file, line, column, "value '" + value + "' of numeric attribute '" + name
          + "' is not a finite number");
    }
  }

  private static String unquote(String v) {
    boolean quoted = v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0);
    return quoted ? v.substring(1, v.length() - 1) : v;
  }
}
