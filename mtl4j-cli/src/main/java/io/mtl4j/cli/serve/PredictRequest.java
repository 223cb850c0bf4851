package io.mtl4j.cli.serve;

import io.mtl4j.data.read.CsvSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a {@code POST /predict} body, {@code {"rows": [{"<column>": value, …}, …]}}, into raw cells as a CSV would
 * hold them: numbers as written, strings trimmed, null, absent keys and the CSV's missing markers ("", "?", "NA",
 * "NaN") missing. Streams the tokens and stops at the first fault, so a hostile body costs at most one pass over it.
 */
public final class PredictRequest {
  // Values are scalars, so a valid body nests 3 deep; the limits only bound what the parser buffers before we look.
  private static final JsonFactory JSON = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).maxNumberLength(100)
          .maxStringLength(1 << 16).maxNameLength(1 << 10).build())
      .build();
  private static final Set<String> MISSING = CsvSource.Options.defaults().missing();

  private final List<RowModel.Input> inputs;
  private final Map<String, Integer> index = new HashMap<>();
  private final int maxRows;

  /** A reader for rows of {@code inputs}, at most {@code maxRows} of them per body. */
  public PredictRequest(List<RowModel.Input> inputs, int maxRows) {
    this.inputs = List.copyOf(inputs);
    this.maxRows = maxRows;
    for (int i = 0; i < inputs.size(); i++) index.put(inputs.get(i).name(), i);
  }

  /** The cells [rows][inputs] of {@code body}; a {@link RequestException} (400) naming the fault otherwise. */
  public String[][] cells(byte[] body) {
    if (body.length == 0) throw RequestException.badRequest("empty body; expected {\"rows\": [{\"<column>\": value, …}]}");
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), body)) {
      List<String[]> rows = read(p);
      return rows.toArray(new String[0][]);
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw RequestException.badRequest("malformed JSON" + where + " (the body must be one UTF-8 JSON object): "
          + e.getOriginalMessage());
    }
  }

  private List<String[]> read(JsonParser p) {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_OBJECT) throw RequestException.badRequest("the body is " + kind(t) + "; expected an object {\"rows\": [...]}");
    List<String[]> rows = null;
    for (t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String field = p.currentName();
      if (!field.equals("rows")) throw RequestException.badRequest("unknown field '" + field + "'; the body holds only \"rows\"");
      if (rows != null) throw RequestException.badRequest("field \"rows\" appears twice");
      rows = rows(p);
    }
    if (p.nextToken() != null) throw RequestException.badRequest("content after the JSON object; send one object");
    if (rows == null) throw RequestException.badRequest("missing field \"rows\"; expected {\"rows\": [{\"<column>\": value, …}]}");
    if (rows.isEmpty()) throw RequestException.badRequest("\"rows\" is empty; send at least one row");
    return rows;
  }

  private List<String[]> rows(JsonParser p) {
    JsonToken t = p.nextToken();
    if (t != JsonToken.START_ARRAY) throw RequestException.badRequest("\"rows\" is " + kind(t) + "; expected a list of objects");
    List<String[]> rows = new ArrayList<>();
    for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (rows.size() == maxRows) {
        throw RequestException.badRequest("\"rows\" has more than " + maxRows + " rows; send at most " + maxRows
            + " per request (mtl4j serve --max-rows)");
      }
      if (t != JsonToken.START_OBJECT) {
        throw RequestException.badRequest("rows[" + rows.size() + "] is " + kind(t) + "; expected an object {\"<column>\": value, …}");
      }
      rows.add(row(p, rows.size()));
    }
    return rows;
  }

  private String[] row(JsonParser p, int row) {
    String[] cells = new String[inputs.size()];
    boolean[] seen = new boolean[cells.length];
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      Integer c = index.get(name);
      if (c == null) {
        throw RequestException.badRequest("rows[" + row + "]: unknown column '" + name + "'; the model's inputs: "
            + inputs.stream().map(RowModel.Input::name).toList());
      }
      if (seen[c]) throw RequestException.badRequest("rows[" + row + "]: column '" + name + "' appears twice");
      seen[c] = true;
      cells[c] = cell(p, p.nextToken(), row, inputs.get(c));
    }
    return cells;
  }

  private static String cell(JsonParser p, JsonToken t, int row, RowModel.Input input) {
    String cell = switch (t) {
      case VALUE_NULL -> null;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> p.getString();
      case VALUE_STRING -> {
        String s = p.getString().trim();
        yield s.isEmpty() || MISSING.contains(s) ? null : s;
      }
      default -> throw RequestException.badRequest("rows[" + row + "]." + input.name() + " is " + kind(t)
          + "; expected a number, a string, true/false or null");
    };
    if (cell != null && input.numeric() && !finite(cell)) {
      throw RequestException.badRequest("rows[" + row + "]." + input.name() + " is '" + abbreviate(cell)
          + "'; the column is numeric: expected a finite number or null");
    }
    return cell;
  }

  private static boolean finite(String s) {
    try {
      return Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  private static String kind(JsonToken t) {
    if (t == null) return "missing";
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.toString();
    };
  }
}
