package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StreamingFitTest {
  private static final FeatureOptions FEATURES = FeatureOptions.defaults();

  @ParameterizedTest(name = "seed {0}, chunks of {1}")
  @CsvSource({"1, 7", "2, 100", "3, 1000", "4, 1"})
  void fitsWhatTheInMemoryFitFitsOnTheSameTrainingRows(long seed, int chunkRows) {
    Table table = StreamFixtures.table(600, seed);
    HashSplit split = new HashSplit(0.25, seed);
    StreamingFit.Result streamed = StreamingFit.fit(StreamFixtures.chunks(table, chunkRows), split, FEATURES,
        StreamFixtures.labels(), StreamingOptions.defaults());
    int[] train = StreamFixtures.side(table.rows(), split, false);
    Preprocessing memory = Preprocessing.fit(table, train, FEATURES, StreamFixtures.labels());

    assertThat(streamed.trainRows()).isEqualTo(train.length);
    assertThat(streamed.validRows()).isEqualTo(table.rows() - train.length);
    Preprocessing p = streamed.preprocessing();
    assertThat(p.inputNames()).isEqualTo(memory.inputNames());
    for (int i = 0; i < p.encoders().size(); i++) {
      if (p.encoders().get(i) instanceof FeatureEncoder.Numeric n) {
        FeatureEncoder.Numeric m = (FeatureEncoder.Numeric) memory.encoders().get(i);
        // Merged means and variances against sums of x and x²: equal up to double rounding.
        assertThat(n.shift()).isCloseTo(m.shift(), within(1e-12));
        assertThat(n.scale()).isCloseTo(m.scale(), within(1e-9));
        assertThat(n.indicator()).isEqualTo(m.indicator());
      } else {
        assertThat(p.encoders().get(i)).isEqualTo(memory.encoders().get(i));
      }
    }
    assertThat(p.labels().get(1).classes()).isEqualTo(memory.labels().get(1).classes());
    assertThat(p.labels().get(2).scaling().mean()).isCloseTo(memory.labels().get(2).scaling().mean(), within(1e-6));
    assertThat(p.labels().get(2).scaling().std()).isCloseTo(memory.labels().get(2).scaling().std(), within(1e-6));
  }

  @Test
  void validationRowsNeverReachTheFit() {
    // Only validation rows hold the category "zz": were they fitted, it would get a one-hot slot.
    Table table = new Table("mem.csv", List.of("c", "y"));
    HashSplit split = new HashSplit(0.5, 9);
    for (int r = 0; r < 200; r++) table.add(new String[] {split.isValidation(r) ? "zz" : "c" + (r % 3), "1"}, r + 2);
    StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, 16), split, FEATURES,
        List.of(new LabelSpec("y", "regression", List.of("y"), null, null)), StreamingOptions.defaults());
    assertThat(fit.preprocessing().inputNames()).containsExactly("c=c0", "c=c1", "c=c2", "c:unknown");
  }

  @Test
  void hashesACategoricalColumnPastTheDistinctBoundAndSaysWhich() {
    Table table = new Table("mem.csv", List.of("id", "few", "y"));
    for (int r = 0; r < 300; r++) table.add(new String[] {"u" + r, "f" + (r % 3), "1"}, r + 2);
    FeatureOptions options = new FeatureOptions(null, null, null, null, null, null, null, 50, 16, 1);
    StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, 32), new HashSplit(0, 1), options,
        List.of(new LabelSpec("y", "regression", List.of("y"), null, null)), new StreamingOptions(32, 8, 100));
    assertThat(fit.hashedPastBound()).containsExactly("id");
    assertThat(fit.preprocessing().encoders().get(0)).isEqualTo(new FeatureEncoder.Hashed("id", 16));
    assertThat(fit.preprocessing().encoders().get(1)).isInstanceOf(FeatureEncoder.OneHot.class);
  }

  @Test
  void strayValueInAMostlyNumericColumnNamesItsFileLineAndColumn(@TempDir Path dir) throws IOException {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (int r = 0; r < 50; r++) csv.append(r == 37 ? "oops" : Integer.toString(r)).append(",1\n");
    Path file = Files.writeString(dir.resolve("d.csv"), csv);
    io.mtl4j.data.read.CsvSource reader = new io.mtl4j.data.read.CsvSource(io.mtl4j.data.read.CsvSource.Options.defaults());
    assertThatThrownBy(() -> StreamingFit.fit(() -> reader.open(file, 10), new HashSplit(0, 1), FEATURES,
        List.of(new LabelSpec("y", "regression", List.of("y"), null, null)), StreamingOptions.defaults()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("d.csv").hasMessageContaining(":39:1").hasMessageContaining("'oops'");
  }

  @Test
  void refusesADistinctBoundBelowMaxCategories() {
    Table table = StreamFixtures.table(10, 1);
    assertThatThrownBy(() -> StreamingFit.fit(StreamFixtures.chunks(table, 4), new HashSplit(0, 1), FEATURES,
        StreamFixtures.labels(), new StreamingOptions(4, 4, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data.streaming.maxDistinct = 10").hasMessageContaining("features.maxCategories = 1000");
  }
}
