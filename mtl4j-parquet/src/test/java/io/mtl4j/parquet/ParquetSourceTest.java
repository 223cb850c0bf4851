package io.mtl4j.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import blue.strategic.parquet.ParquetWriter;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetSourceTest {
  @TempDir Path dir;

  private record Row(double x, String colour, Integer y) {}

  private Path write(int n) throws IOException {
    return write(dir.resolve("d.parquet"), n);
  }

  /** {@code n} rows: x = row / 2, colour red/blue (every third missing), y = row parity (row 3 missing). */
  static Path write(Path p, int n) throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message m { required double x; optional binary colour (UTF8); optional int32 y; }");
    try (ParquetWriter<Row> w = ParquetWriter.writeFile(schema, p.toFile(), (r, out) -> {
      out.write("x", r.x());
      if (r.colour() != null) out.write("colour", r.colour());
      if (r.y() != null) out.write("y", r.y());
    })) {
      for (int i = 0; i < n; i++) w.write(new Row(i * 0.5, i % 3 == 2 ? null : i % 2 == 0 ? "red" : "blue", i == 3 ? null : i % 2));
    }
    return p;
  }

  @Test
  void readsColumnsWithNullsAsMissingAndFeedsPreprocessing() throws IOException {
    Table t = ParquetSource.read(write(6));
    assertThat(t.names()).containsExactly("x", "colour", "y");
    assertThat(t.rows()).isEqualTo(6);
    assertThat(t.values(0).get(t.code(0, 2))).isEqualTo("1.0");
    assertThat(t.code(1, 2)).isEqualTo(Table.MISSING);
    LabelSpec label = new LabelSpec("y", "binary", List.of("y"), null, null);
    Dataset d = Preprocessing.fit(t, Preprocessing.allRows(t), FeatureOptions.defaults(), List.of(label)).dataset(t, Preprocessing.allRows(t));
    assertThat(d.mask("y").toArray()).containsExactly(1f, 1f, 1f, 0f, 1f, 1f);
    assertThat(d.labels("y").toArray()).containsExactly(0f, 1f, 0f, 0f, 0f, 1f);
  }

  @Test
  void streamsChunks() throws IOException {
    List<Integer> sizes = new ArrayList<>();
    ParquetSource.readChunks(write(25), 10, t -> sizes.add(t.rows()));
    assertThat(sizes).containsExactly(10, 10, 5);
  }

  @Test
  void notAParquetFileIsADataFormatError() throws IOException {
    Path p = dir.resolve("bad.parquet");
    Files.writeString(p, "a,b\n1,2\n");
    assertThatThrownBy(() -> ParquetSource.read(p)).isInstanceOf(DataFormatException.class).hasMessageContaining("bad.parquet");
  }

  @Test
  void damagedDataPagesNameTheFileAndNoInternalObject() throws IOException {
    Path p = write(2000);
    byte[] bytes = Files.readAllBytes(p);
    // the footer (schema and offsets) stays readable; the column chunks after the 4-byte magic do not
    for (int i = 8; i < bytes.length / 2; i++) bytes[i] = (byte) (i * 31);
    Files.write(p, bytes);
    assertThatThrownBy(() -> ParquetSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(p + ": ").hasMessageNotContaining("@").hasMessageNotContaining("$");
  }

  @Test
  void truncatedFileNamesTheFile() throws IOException {
    Path p = write(200);
    byte[] bytes = Files.readAllBytes(p);
    Files.write(p, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertThatThrownBy(() -> ParquetSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(p + ": ").hasMessageNotContaining("@").hasMessageNotContaining("$");
  }
}
