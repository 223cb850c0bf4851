package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowCacheTest {
  @TempDir
  Path dir;

  /** The training side of a seeded table, chunked, with a counter of how often the file is opened. */
  private record Opened(RowStream stream, AtomicInteger opens) {
    static Opened of(int rows, long seed, StreamingOptions options) {
      Table table = StreamFixtures.table(rows, seed);
      HashSplit split = new HashSplit(0.2, seed);
      StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, options.chunkRows()), split,
          FeatureOptions.defaults(), StreamFixtures.labels(), options);
      AtomicInteger opens = new AtomicInteger();
      RowStream stream = RowStream.training(() -> {
        opens.incrementAndGet();
        return new StreamFixtures.Counting(table, options.chunkRows());
      }, split, fit, options);
      return new Opened(stream, opens);
    }
  }

  /** Every chunk of one read, flattened to its inputs, labels and masks. */
  private static List<List<float[]>> read(RowStream stream) {
    List<List<float[]>> chunks = new ArrayList<>();
    stream.forEach(d -> {
      List<float[]> parts = new ArrayList<>(List.of(d.features().data()));
      for (String t : d.tasks()) {
        parts.add(d.labels(t).data());
        parts.add(d.mask(t).data());
      }
      chunks.add(parts);
    });
    return chunks;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @ParameterizedTest(name = "seed {0}, chunks of {1}, parse-ahead {2}")
  @CsvSource({"1, 7, false", "2, 64, true", "3, 1000, true"})
  void aCachedReadGivesTheChunksOfAParsedReadWithoutOpeningTheFile(long seed, int chunkRows, boolean parseAhead) {
    StreamingOptions plain = new StreamingOptions(chunkRows, 100, 1000);
    List<List<float[]>> parsed = read(Opened.of(500, seed, plain).stream());
    Opened cached = Opened.of(500, seed, plain.withParseAhead(parseAhead).withCache(dir, 1L << 30));
    assertThat(cached.stream().cached()).isTrue();
    assertThat(read(cached.stream())).usingRecursiveComparison().isEqualTo(parsed);
    for (int epoch = 0; epoch < 2; epoch++) {
      assertThat(read(cached.stream())).usingRecursiveComparison().isEqualTo(parsed);
    }
    assertThat(cached.opens()).hasValue(1);
  }

  @Test
  void theCacheIsOneFileOfTheEncodedRowsAndClosingTheStreamDeletesIt() throws IOException {
    Opened o = Opened.of(300, 1, new StreamingOptions(50, 100, 1000).withCache(dir, 1L << 30));
    read(o.stream());
    assertThat(files()).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".rows"));
    // Each chunk is its row count and its rows.
    long chunks = Files.size(files().get(0)) - o.stream().cacheBytes();
    assertThat(chunks % Integer.BYTES).isZero();
    assertThat(chunks / Integer.BYTES).isBetween(1L, 6L);
    o.stream().close();
    assertThat(files()).isEmpty();
    read(o.stream());
    assertThat(files()).as("a closed stream writes no new cache").isEmpty();
  }

  @Test
  void aReadStoppedBeforeTheEndLeavesNoCacheAndTheNextReadParsesAgain() throws IOException {
    Opened o = Opened.of(300, 1, new StreamingOptions(20, 100, 1000).withCache(dir, 1L << 30));
    try (RowStream.Chunks chunks = o.stream().open()) {
      assertThat(chunks.next()).isNotNull();
      assertThat(files()).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".tmp"));
    }
    assertThat(files()).isEmpty();
    read(o.stream());
    read(o.stream());
    assertThat(o.opens()).hasValue(2);
  }

  @Test
  void aSecondReadOpenedWhileTheFirstWritesParsesAndWritesNothing() throws IOException {
    Opened o = Opened.of(300, 1, new StreamingOptions(20, 100, 1000).withCache(dir, 1L << 30));
    try (RowStream.Chunks first = o.stream().open()) {
      first.next();
      assertThat(read(o.stream())).isNotEmpty();
      assertThat(files()).hasSize(1);
    }
  }

  @Test
  void sideLargerThanCacheMaxBytesIsParsedOnEveryRead() throws IOException {
    Opened o = Opened.of(300, 1, new StreamingOptions(20, 100, 1000).withCache(dir, 100));
    assertThat(o.stream().cacheBytes()).isGreaterThan(100);
    assertThat(o.stream().cached()).isFalse();
    read(o.stream());
    read(o.stream());
    assertThat(files()).isEmpty();
    assertThat(o.opens()).hasValue(2);
  }

  @Test
  void aReadAskedAgainPastItsEndStaysAtTheEndAndKeepsItsCache() throws IOException {
    // Without parse-ahead the shuffle buffer asks the writing read itself once per draw after the last row.
    Opened o = Opened.of(300, 1, new StreamingOptions(20, 100, 1000).withCache(dir, 1L << 30));
    try (RowStream.Chunks chunks = o.stream().open()) {
      while (chunks.next() != null) {
        assertThat(files()).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".tmp"));
      }
      assertThat(chunks.next()).isNull();
      assertThat(chunks.next()).isNull();
    }
    assertThat(files()).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".rows"));
    assertThat(o.stream().cached()).isTrue();
    read(o.stream());
    assertThat(o.opens()).hasValue(1);
  }
}
