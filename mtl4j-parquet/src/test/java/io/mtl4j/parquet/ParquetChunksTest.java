package io.mtl4j.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import blue.strategic.parquet.ParquetWriter;
import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet as a {@link ChunkFormat}: what the CLI finds by the file's extension, with no Parquet class compiled in. */
class ParquetChunksTest {
  @TempDir Path dir;

  @Test
  void isFoundByItsExtensionAndReadsTheFileInChunks() throws IOException {
    Path file = dir.resolve("a.parquet");
    try (ParquetWriter<Integer> w = ParquetWriter.writeFile(MessageTypeParser.parseMessageType(
        "message m { required int32 y; required double x; }"), file.toFile(), (i, out) -> {
          out.write("y", i % 2);
          out.write("x", i / 4.0);
        })) {
      for (int i = 0; i < 5; i++) w.write(i);
    }
    ChunkFormat format = ChunkFormat.forFile(file).orElseThrow();
    assertThat(format.name()).isEqualTo("parquet");
    try (ChunkReader r = format.source(file, 2).get()) {
      Table first = r.next();
      assertThat(first.names()).containsExactly("y", "x");
      assertThat(first.rows()).isEqualTo(2);
      assertThat(r.next().rows()).isEqualTo(2);
      Table last = r.next();
      assertThat(last.values(1).get(last.code(1, 0))).isEqualTo("1.0");
      assertThat(r.next()).isNull();
    }
  }
}
