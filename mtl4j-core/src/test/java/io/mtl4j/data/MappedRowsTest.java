package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappedRowsTest {
  @TempDir
  Path dir;

  /** The training side of a seeded 400-row table, parsed (no cache) or with a cache in {@code cacheDir}. */
  private static RowStream stream(int chunkRows, Path cacheDir) {
    StreamingOptions options = new StreamingOptions(chunkRows, 50, 1000).withCache(cacheDir, 1L << 30);
    Table table = StreamFixtures.table(400, 3);
    HashSplit split = new HashSplit(0.2, 3);
    StreamingFit.Result fit = StreamingFit.fit(StreamFixtures.chunks(table, chunkRows), split,
        FeatureOptions.defaults(), StreamFixtures.labels(), options);
    return RowStream.training(StreamFixtures.chunks(table, chunkRows), split, fit, options);
  }

  /** The cache file of {@code stream}, written by reading it once. */
  private Path cacheOf(RowStream stream) throws IOException {
    stream.forEach(d -> {});
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> f.toString().endsWith(".rows")).findFirst().orElseThrow();
    }
  }

  private static MappedRows mapped(RowStream stream, Path file, long segmentBytes) {
    int rowBytes = (int) RowCache.bytes(1, stream.featureCount(), stream.labelEncoders());
    return new MappedRows(new MappedRows.Mapping(file, segmentBytes, rowBytes + Integer.BYTES), stream.featureCount(),
        stream.labelEncoders(), stream.options().chunkRows());
  }

  /** Each row's floats: inputs, then each task's labels, then each task's mask. */
  private static List<List<Float>> rows(Tensor features, List<Tensor> labels, List<Tensor> masks) {
    List<List<Float>> out = new ArrayList<>();
    for (int r = 0; r < features.rows(); r++) {
      List<Float> row = new ArrayList<>();
      for (int c = 0; c < features.cols(); c++) row.add(features.get(r * features.cols() + c));
      for (Tensor l : labels) for (int c = 0; c < l.cols(); c++) row.add(l.get(r * l.cols() + c));
      for (Tensor m : masks) row.add(m.get(r));
      out.add(row);
    }
    return out;
  }

  private static List<List<Float>> rows(RowStream.Chunks read) {
    List<List<Float>> out = new ArrayList<>();
    for (Dataset d; (d = read.next()) != null; ) {
      out.addAll(rows(d.features(), d.tasks().stream().map(d::labels).toList(), d.tasks().stream().map(d::mask).toList()));
    }
    return out;
  }

  private static List<List<Float>> parsedRows(int chunkRows) {
    try (RowStream.Chunks read = stream(chunkRows, null).open()) {
      return rows(read);
    }
  }

  @ParameterizedTest(name = "chunks of {0}, segments of {1} bytes")
  @CsvSource({"7, 4", "7, 100", "64, 1000", "1000, 1073741824"})
  void readsTheChunksAsTheyWereWrittenWhateverTheSegmentSize(int chunkRows, long segmentBytes) throws IOException {
    try (RowStream stream = stream(chunkRows, dir); MappedRows read = mapped(stream, cacheOf(stream), segmentBytes)) {
      assertThat(rows(read)).isEqualTo(parsedRows(chunkRows));
      assertThat(read.next()).as("past the end").isNull();
    }
  }

  @ParameterizedTest(name = "chunks of {0}, segments of {1} bytes")
  @CsvSource({"7, 4", "7, 100", "64, 1000", "1000, 1073741824"})
  void readsTheRowsOneByOneIntoABatchAsTheChunksHoldThem(int chunkRows, long segmentBytes) throws IOException {
    try (RowStream stream = stream(chunkRows, dir); MappedRows read = mapped(stream, cacheOf(stream), segmentBytes)) {
      Batch batch = new ShuffleBuffer(stream, 1).newBatch((int) stream.rows());
      Batch.Buffers into = batch.buffers();
      for (int r = 0; r < stream.rows(); r++) assertThat(read.readRow(into, r)).isTrue();
      assertThat(read.readRow(into, 0)).as("past the last row").isFalse();
      List<Tensor> labels = new ArrayList<>(), masks = new ArrayList<>();
      for (int t = 0; t < batch.tasks().size(); t++) {
        labels.add(batch.labels(t));
        masks.add(batch.mask(t));
      }
      assertThat(rows(batch.features(), labels, masks)).isEqualTo(parsedRows(chunkRows));
    }
  }

  @Test
  void aReadByRowsCannotGoOnByChunks() throws IOException {
    try (RowStream stream = stream(7, dir); MappedRows read = mapped(stream, cacheOf(stream), MappedRows.SEGMENT_BYTES)) {
      read.readRow(new ShuffleBuffer(stream, 1).newBatch(1).buffers(), 0);
      assertThatThrownBy(read::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("by rows");
    }
  }

  @Test
  void aTruncatedCacheFailsNamingTheFile() throws IOException {
    try (RowStream stream = stream(64, dir)) {
      Path file = cacheOf(stream);
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        c.truncate(c.size() - 3);
      }
      try (MappedRows read = mapped(stream, file, MappedRows.SEGMENT_BYTES)) {
        assertThatThrownBy(() -> rows(read)).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("ends inside a chunk");
      }
    }
  }

  @Test
  void aChunkOfMoreRowsThanAChunkHoldsFailsNamingTheCount() throws IOException {
    try (RowStream stream = stream(64, dir)) {
      Path file = cacheOf(stream);
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        c.write(ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder()).putInt(0, 65), 0);
      }
      try (MappedRows read = mapped(stream, file, MappedRows.SEGMENT_BYTES)) {
        assertThatThrownBy(read::next).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(file.toString()).hasMessageContaining("a chunk of 65 rows, expected 1 to 64");
      }
    }
  }
}
