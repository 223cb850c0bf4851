package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.ChunkFormat;
import io.mtl4j.data.ChunkReader;
import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An ARFF file read as tables for the CLI: the rows and lines {@link ArffSource} reads, in chunks of any size. */
class ArffChunksTest {
  @TempDir Path dir;

  /** Every row of every chunk as its cells (null where missing) followed by its line number. */
  private static List<List<String>> rows(Supplier<ChunkReader> source) {
    List<List<String>> rows = new ArrayList<>();
    try (ChunkReader r = source.get()) {
      for (Table t; (t = r.next()) != null; ) rows.addAll(cells(t));
    }
    return rows;
  }

  private static List<List<String>> cells(Table t) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < t.rows(); i++) {
      List<String> row = new ArrayList<>();
      for (int c = 0; c < t.names().size(); c++) row.add(t.code(c, i) < 0 ? null : t.values(c).get(t.code(c, i)));
      row.add(String.valueOf(t.line(i)));
      rows.add(row);
    }
    return rows;
  }

  /** Seeded rows: a nominal colour, two numbers (one sometimes missing), a {0,1} label; every third row sparse. */
  private Path file(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("% seeded\n@relation r\n@attribute colour {red,'dark blue'}\n"
        + "@attribute x numeric\n@attribute 'y z' real\n@attribute label {0,1}\n\n@data\n");
    for (int i = 0; i < 40; i++) {
      int label = random.nextInt(2);
      if (i % 3 == 0) sb.append("{1 ").append(random.nextInt(9)).append(label == 1 ? ", 3 1}" : "}");
      else sb.append(random.nextBoolean() ? "red" : "'dark blue'").append(',').append(random.nextInt(9)).append(',')
          .append(random.nextInt(5) == 0 ? "?" : String.valueOf(random.nextInt(9) / 4.0)).append(',').append(label);
      sb.append(i % 7 == 0 ? "\n% a comment\n" : "\n");
    }
    return Files.writeString(dir.resolve("r" + seed + ".arff"), sb.toString());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 1000})
  void readsTheRowsAndLinesArffSourceReadsWhateverTheChunkSize(int chunkRows) throws IOException {
    Path file = file(chunkRows);
    Supplier<ChunkReader> source = new ArffChunks().source(file, chunkRows);
    try (ChunkReader r = source.get()) {
      Table first = r.next();
      assertThat(first.names()).containsExactly("colour", "x", "y z", "label");
      assertThat(first.rows()).isEqualTo(Math.min(chunkRows, 40));
    }
    assertThat(rows(source)).isEqualTo(cells(ArffSource.read(file))).hasSize(40);
  }

  @Test
  void aValueItsDeclarationDoesNotAdmitNamesTheFileLineAndColumn() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.arff"),
        "@attribute c {a,b}\n@attribute x numeric\n@data\na,1\nc,2\n");
    Supplier<ChunkReader> source = new ArffChunks().source(file, 10);
    assertThatThrownBy(() -> rows(source)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ":5:1").hasMessageContaining("value 'c' of attribute 'c' is not declared");
  }

  @Test
  void aHeaderWithoutDataIsRefusedBeforeTheFirstRead() throws IOException {
    Path file = Files.writeString(dir.resolve("head.arff"), "@relation r\n@attribute x numeric\n");
    assertThatThrownBy(() -> new ArffChunks().source(file, 10)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ":2").hasMessageContaining("no @data section");
  }

  @Test
  void isFoundByItsExtensionThroughTheServiceLoaderAndGzipIsLookedThrough() {
    for (String name : List.of("a.arff", "a.ARFF", "yeast.arff.gz")) {
      assertThat(ChunkFormat.forFile(Path.of(name))).get().extracting(ChunkFormat::name).isEqualTo("arff");
    }
  }
}
