package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {
  /** Columns n (numbers) and y (0/1 label), {@code rows} rows from line 2 on; row {@code bad} of n holds {@code cell}. */
  private static Table numbersWithOneCell(int rows, int bad, String cell, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Table t = new Table("mem.csv", List.of("n", "y"));
    for (int r = 0; r < rows; r++) {
      String n = r == bad ? cell : String.format(Locale.ROOT, "%.3f", random.nextGaussian());
      t.add(new String[] {n, String.valueOf(r % 2)}, r + 2);
    }
    return t;
  }

  static Stream<Arguments> badCells() {
    return LongStream.range(0, 12).boxed().flatMap(seed -> Stream.of("abc", "Infinity", "-Infinity", "two\nlines")
        .map(cell -> Arguments.of(seed, cell)));
  }

  @ParameterizedTest
  @MethodSource("badCells")
  void oneNonNumericCellInANumericColumnIsAnErrorNamingTheCell(long seed, String cell) {
    // at least 3 rows, so the numbers are the majority (one number against one odd cell is a tie: categorical)
    SplittableRandom random = new SplittableRandom(seed);
    int rows = 3 + random.nextInt(200), bad = random.nextInt(rows);
    Table t = numbersWithOneCell(rows, bad, cell, seed);
    assertThatThrownBy(() -> Schema.isNumeric(t, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("mem.csv:" + (bad + 2) + ":1").hasMessageContaining("'" + cell + "'")
        .hasMessageContaining("features.categorical");
  }

  @Test
  void fitRefusesTheFlipForFeaturesAsItDoesForRegressionLabels() {
    Table t = numbersWithOneCell(180, 40, "abc", 7);
    assertThatThrownBy(() -> Preprocessing.fit(t, Preprocessing.allRows(t), FeatureOptions.defaults(), List.of()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("mem.csv:42:1").hasMessageContaining("'abc'");
    LabelSpec label = new LabelSpec("n", "regression", List.of("n"), null, null);
    FeatureOptions onlyY = new FeatureOptions(List.of("y"), null, null, null, null, null, null, 1000, 64, 1);
    assertThatThrownBy(() -> Preprocessing.fit(t, Preprocessing.allRows(t), onlyY, List.of(label)).dataset(t, Preprocessing.allRows(t)))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("mem.csv:42:1").hasMessageContaining("'abc'");
  }

  @Test
  void declaredCategoricalKeepsAMixedColumnCategorical() {
    Table t = numbersWithOneCell(10, 3, "abc", 3);
    FeatureOptions o = new FeatureOptions(null, List.of("y"), null, List.of("n"), null, null, null, 1000, 64, 1);
    Preprocessing p = Preprocessing.fit(t, Preprocessing.allRows(t), o, List.of());
    assertThat(p.encoders()).singleElement().isInstanceOf(FeatureEncoder.OneHot.class);
    assertThat(p.width()).isEqualTo(11);
  }

  @Test
  void mostlyTextColumnWithSomeNumbersStaysCategorical() {
    Table t = new Table("mem.csv", List.of("size"));
    for (String v : new String[] {"S", "M", "L", "XL", "M", "42", "S"}) t.add(new String[] {v}, 2);
    assertThat(Schema.isNumeric(t, 0)).isFalse();
    assertThat(Schema.infer(t)).containsEntry("size", "categorical");
  }

  @Test
  void allNumbersAreNumericAndMissingCellsDoNotCount() {
    Table t = new Table("mem.csv", List.of("x"));
    for (String v : new String[] {"1", null, "-2.5e3", "7"}) t.add(new String[] {v}, 2);
    assertThat(Schema.isNumeric(t, 0)).isTrue();
  }
}
