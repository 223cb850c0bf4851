package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShuffleBufferTest {
  /** A table whose only input, x, is the row index: a drawn row names itself. */
  private static Table indexed(int rows) {
    Table t = new Table("mem.csv", List.of("x", "y"));
    for (int r = 0; r < rows; r++) t.add(new String[] {Integer.toString(r), Integer.toString(r % 2)}, r + 2);
    return t;
  }

  private static final List<LabelSpec> LABEL = List.of(new LabelSpec("y", "regression", List.of("y"), null, null));
  private static final FeatureOptions RAW = new FeatureOptions(null, null, null, null, "none", null, null, 1000, 64, 1);

  private static RowStream stream(Table table, ChunkReader reader, int buffer) {
    HashSplit all = new HashSplit(0, 1);
    StreamingOptions options = new StreamingOptions(16, buffer, 1000);
    StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, 16), all, RAW, LABEL, options);
    return RowStream.training(() -> reader, all, fit, options);
  }

  /** Draws a whole epoch in batches of {@code batch}; checks the buffer's bound after each draw. */
  private static List<Integer> epoch(int rows, int chunkRows, int buffer, int batch, long seed) {
    Table table = indexed(rows);
    StreamFixtures.Counting reader = new StreamFixtures.Counting(table, chunkRows);
    RowStream stream = stream(table, reader, buffer);
    ShuffleBuffer shuffle = new ShuffleBuffer(stream, buffer);
    Batch b = shuffle.newBatch(batch);
    List<Integer> drawn = new ArrayList<>();
    try (RowStream.Chunks chunks = stream.open()) {
      shuffle.begin(chunks, new SplittableRandom(seed));
      while (shuffle.fill(b, batch) > 0) {
        for (int i = 0; i < b.rows(); i++) drawn.add((int) b.features().get(i));
        assertThat(shuffle.held()).isLessThanOrEqualTo(buffer);
        // Read but not yet drawn: the buffer plus what is left of the one chunk being read.
        assertThat(reader.handedOut() - drawn.size()).isLessThanOrEqualTo(buffer + chunkRows);
      }
    }
    assertThat(reader.closed()).isTrue();
    return drawn;
  }

  @ParameterizedTest(name = "{0} rows, chunks of {1}, buffer {2}, batch {3}")
  @CsvSource({"100, 7, 10, 8", "257, 64, 32, 32", "50, 100, 200, 7", "33, 1, 1, 5"})
  void drawsEveryRowOnceAndNeverHoldsMoreThanItsBound(int rows, int chunkRows, int buffer, int batch) {
    List<Integer> drawn = epoch(rows, chunkRows, buffer, batch, 5);
    assertThat(drawn).hasSize(rows).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2", "3"})
  void theOrderDependsOnTheSeedAndTheBufferButNotTheChunkSize(long seed) {
    List<Integer> a = epoch(300, 7, 50, 16, seed);
    assertThat(epoch(300, 128, 50, 16, seed)).isEqualTo(a);
    assertThat(epoch(300, 7, 50, 16, seed + 100)).isNotEqualTo(a);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2"})
  void aRowMovesAtMostTheBufferSizeEarlier(long seed) {
    int buffer = 20;
    List<Integer> drawn = epoch(400, 13, buffer, 10, seed);
    // The draw at position i chooses among rows read so far: at most i + buffer of them.
    for (int i = 0; i < drawn.size(); i++) assertThat(drawn.get(i)).isLessThan(i + buffer);
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2"})
  void aBufferOfOneRowKeepsFileOrder(long seed) {
    List<Integer> drawn = epoch(40, 6, 1, 4, seed);
    for (int i = 0; i < drawn.size(); i++) assertThat(drawn.get(i)).isEqualTo(i);
  }

  /** One epoch of {@code stream} drawn through {@code shuffle} in batches of 16. */
  private static List<Integer> draws(RowStream stream, ShuffleBuffer shuffle, long seed) {
    Batch b = shuffle.newBatch(16);
    List<Integer> drawn = new ArrayList<>();
    try (RowStream.Chunks chunks = stream.open()) {
      shuffle.begin(chunks, new SplittableRandom(seed));
      while (shuffle.fill(b, 16) > 0) for (int i = 0; i < b.rows(); i++) drawn.add((int) b.features().get(i));
    }
    return drawn;
  }

  @ParameterizedTest(name = "seed {0}")
  @CsvSource({"1", "2"})
  void aCachedReadIsCopiedFromTheMapAndDrawnInTheOrderOfTheParsedRead(long seed, @TempDir Path dir) {
    Table table = indexed(300);
    HashSplit all = new HashSplit(0, 1);
    StreamingOptions options = new StreamingOptions(16, 50, 1000).withCache(dir, 1L << 30);
    StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, 16), all, RAW, LABEL, options);
    try (RowStream stream = RowStream.training(StreamFixtures.chunks(table, 16), all, fit, options)) {
      ShuffleBuffer shuffle = new ShuffleBuffer(stream, 50);
      List<Integer> parsed = draws(stream, shuffle, seed); // this read writes the cache
      try (RowStream.Chunks cached = stream.open()) {
        assertThat(cached).isInstanceOf(MappedRows.class);
      }
      assertThat(parsed).hasSize(300).doesNotHaveDuplicates();
      assertThat(draws(stream, shuffle, seed)).isEqualTo(parsed);
    }
  }
}
