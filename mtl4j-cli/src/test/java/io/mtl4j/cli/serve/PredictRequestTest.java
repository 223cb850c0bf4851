package io.mtl4j.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PredictRequestTest {
  private static final List<RowModel.Input> INPUTS =
      List.of(new RowModel.Input("age", true), new RowModel.Input("colour", false));
  private final PredictRequest reader = new PredictRequest(INPUTS, 3);

  private String[][] cells(String json) {
    return reader.cells(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsCellsAsACsvHoldsThem() {
    String[][] c = cells("{\"rows\": [{\"age\": 4.50, \"colour\": \" red \"}, {\"colour\": 17}, {\"age\": null, \"colour\": true}]}");
    assertThat(c[0]).containsExactly("4.50", "red");
    assertThat(c[1]).containsExactly(null, "17");
    assertThat(c[2]).containsExactly(null, "true");
  }

  @Test
  void takesTheCsvMissingMarkersAsMissing() {
    String[][] c = cells("{\"rows\": [{\"age\": \"NA\", \"colour\": \"?\"}, {\"age\": \"NaN\", \"colour\": \"\"}, {\"age\": \" 3 \"}]}");
    assertThat(c[0]).containsExactly(null, null);
    assertThat(c[1]).containsExactly(null, null);
    assertThat(c[2]).containsExactly("3", null);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("empty body", "", "empty body"),
        Arguments.of("bad JSON", "{\"rows\": [", "malformed JSON at line 1"),
        Arguments.of("body not an object", "[{\"age\": 1}]", "the body is a list"),
        Arguments.of("missing rows", "{}", "missing field \"rows\""),
        Arguments.of("unknown top-level field", "{\"rows\": [{\"age\": 1}], \"x\": 1}", "unknown field 'x'"),
        Arguments.of("rows twice", "{\"rows\": [{\"age\": 1}], \"rows\": []}", "\"rows\" appears twice"),
        Arguments.of("rows not a list", "{\"rows\": {\"age\": 1}}", "\"rows\" is an object"),
        Arguments.of("rows empty", "{\"rows\": []}", "\"rows\" is empty"),
        Arguments.of("row not an object", "{\"rows\": [{\"age\": 1}, 5]}", "rows[1] is a number"),
        Arguments.of("unknown column", "{\"rows\": [{\"agee\": 1}]}", "rows[0]: unknown column 'agee'; the model's inputs: [age, colour]"),
        Arguments.of("duplicate key", "{\"rows\": [{\"age\": 1, \"age\": 2}]}", "rows[0]: column 'age' appears twice"),
        Arguments.of("list value", "{\"rows\": [{\"age\": [1]}]}", "rows[0].age is a list"),
        Arguments.of("deep nesting", "{\"rows\": [{\"colour\": " + "[".repeat(5000) + "]}]}", "rows[0].colour is a list"),
        Arguments.of("text in a numeric column", "{\"rows\": [{\"age\": \"old\"}]}", "rows[0].age is 'old'; the column is numeric"),
        Arguments.of("Infinity string", "{\"rows\": [{\"age\": \"Infinity\"}]}", "rows[0].age is 'Infinity'"),
        Arguments.of("overflowing number", "{\"rows\": [{\"age\": 1e999}]}", "rows[0].age is '1e999'"),
        Arguments.of("bare NaN", "{\"rows\": [{\"age\": NaN}]}", "malformed JSON"),
        Arguments.of("too many rows", "{\"rows\": [{}, {}, {}, {}]}", "more than 3 rows"),
        Arguments.of("trailing content", "{\"rows\": [{\"age\": 1}]} {}", "content after the JSON object"),
        Arguments.of("number too long", "{\"rows\": [{\"age\": " + "9".repeat(500) + "}]}", "malformed JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void refusesAMalformedBodyNamingTheFault(String kind, String body, String message) {
    assertThatThrownBy(() -> cells(body)).isInstanceOfSatisfying(RequestException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.getMessage()).contains(message);
    });
  }

  @Test
  void refusesBytesThatAreNotUtf8() {
    byte[] body = {'{', '"', 'r', 'o', 'w', 's', '"', ':', '[', '{', '"', 'c', 'o', 'l', 'o', 'u', 'r', '"', ':', '"',
        (byte) 0xff, (byte) 0xfe, '"', '}', ']', '}'};
    assertThatThrownBy(() -> reader.cells(body)).isInstanceOf(RequestException.class).hasMessageContaining("malformed JSON").hasMessageContaining("Invalid UTF-8");
  }
}
