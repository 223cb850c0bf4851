package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParseAheadTest {
  private static final List<LabelSpec> LABEL = List.of(new LabelSpec("y", "regression", List.of("y"), null, null));
  private static final FeatureOptions RAW = new FeatureOptions(null, null, null, null, "none", null, null, 1000, 64, 1);

  /** A table whose only input is the row index. */
  private static Table indexed(int rows) {
    Table t = new Table("rows.csv", List.of("x", "y"));
    for (int r = 0; r < rows; r++) t.add(new String[] {Integer.toString(r), Integer.toString(r % 3)}, r + 2);
    return t;
  }

  private static RowStream stream(Table table, ChunkReader reader) {
    HashSplit all = new HashSplit(0, 1);
    StreamingOptions options = new StreamingOptions(10, 10, 1000).withParseAhead(true);
    StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, 10), all, RAW, LABEL, options);
    return RowStream.training(() -> reader, all, fit, options);
  }

  /** A reader that fails on the chunk starting at row {@code failAt}, as a bad cell on that row's line would. */
  private static final class Failing implements ChunkReader {
    private final StreamFixtures.Counting rows;
    private final int failAt;

    Failing(Table table, int failAt) {
      this.rows = new StreamFixtures.Counting(table, 10);
      this.failAt = failAt;
    }

    public Table next() {
      if (rows.handedOut() == failAt) {
        throw new DataFormatException("rows.csv", failAt + 2, 1, "bad value 'x', expected a number");
      }
      return rows.next();
    }

    public void close() {
      rows.close();
    }
  }

  @ParameterizedTest(name = "failing at row {0}")
  @ValueSource(ints = {0, 10, 40})
  void aReaderErrorReachesTheReadingThreadWithItsFileAndLineAfterTheChunksBeforeIt(int failAt) {
    List<Integer> firstRows = new ArrayList<>();
    RowStream s = stream(indexed(100), new Failing(indexed(100), failAt));
    try (RowStream.Chunks chunks = s.open()) {
      assertThatThrownBy(() -> {
        for (Dataset d; (d = chunks.next()) != null; ) firstRows.add((int) d.features().get(0));
      }).isInstanceOf(DataFormatException.class).hasMessageContaining("rows.csv").hasMessageContaining(":" + (failAt + 2));
    }
    assertThat(firstRows).hasSize(failAt / 10);
    for (int i = 0; i < firstRows.size(); i++) assertThat(firstRows.get(i)).isEqualTo(10 * i);
  }

  @ParameterizedTest(name = "{0} chunks taken")
  @ValueSource(ints = {0, 1, 5})
  void closingEarlyClosesTheReaderWhichReadAtMostTwoChunksAhead(int taken) {
    StreamFixtures.Counting reader = new StreamFixtures.Counting(indexed(1000), 10);
    RowStream.Chunks chunks = stream(indexed(1000), reader).open();
    for (int i = 0; i < taken; i++) assertThat(chunks.next()).isNotNull();
    chunks.close();
    assertThat(reader.closed()).isTrue();
    // One chunk queued and one being encoded beyond those taken.
    assertThat(reader.handedOut()).isLessThanOrEqualTo(10 * (taken + 2));
  }

  @ParameterizedTest(name = "{0} rows")
  @ValueSource(ints = {1, 9, 10, 95})
  void aWholeReadGivesEveryRowInFileOrder(int rows) {
    List<Integer> seen = new ArrayList<>();
    stream(indexed(rows), new StreamFixtures.Counting(indexed(rows), 10)).forEach(d -> {
      for (int r = 0; r < d.rows(); r++) seen.add((int) d.features().get(r));
    });
    assertThat(seen).hasSize(rows);
    for (int i = 0; i < rows; i++) assertThat(seen.get(i)).isEqualTo(i);
  }
}
