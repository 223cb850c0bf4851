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

/**
 * A LibSVM file read as CSV-like tables for streaming: {@code label, f1…fd} (multilabel:
 * {@code label_0…label_{K-1}} of 0/1), values as written, zeros elsewhere.
 */
class LibSvmChunksTest {
  @TempDir Path dir;

  private static final String FILE = """
      # a comment line, then a blank one

      1 1:0.5 3:-2
      -1 2:1e-3
      +1 3:7 # a trailing comment
      0
      """;

  private static List<List<String>> rows(Supplier<ChunkReader> source) {
    List<List<String>> rows = new ArrayList<>();
    try (ChunkReader r = source.get()) {
      for (Table t; (t = r.next()) != null; ) {
        for (int i = 0; i < t.rows(); i++) {
          List<String> row = new ArrayList<>();
          for (int c = 0; c < t.names().size(); c++) row.add(t.values(c).get(t.code(c, i)));
          rows.add(row);
        }
      }
    }
    return rows;
  }

  @Test
  void readsTheLabelAsWrittenAndEveryIndexUpToTheLargestWithZerosWhereAbsent() throws IOException {
    Path file = Files.writeString(dir.resolve("a.libsvm"), FILE);
    Supplier<ChunkReader> source = new LibSvmChunks().source(file, 2);
    try (ChunkReader r = source.get()) {
      Table first = r.next();
      assertThat(first.names()).containsExactly("label", "f1", "f2", "f3");
      assertThat(first.rows()).isEqualTo(2);
      assertThat(first.line(0)).isEqualTo(3);
    }
    assertThat(rows(source)).containsExactly(List.of("1", "0.5", "0", "-2"), List.of("-1", "0", "1e-3", "0"),
        List.of("+1", "0", "0", "7"), List.of("0", "0", "0", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 1000})
  void theChunkSizeChangesNoRow(int chunkRows) throws IOException {
    SplittableRandom random = new SplittableRandom(chunkRows);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      sb.append(random.nextInt(2));
      for (int c = 1; c <= 6; c++) if (random.nextBoolean()) sb.append(' ').append(c).append(':').append(random.nextInt(9));
      sb.append('\n');
    }
    Path file = Files.writeString(dir.resolve("r.svm"), sb.toString());
    assertThat(rows(new LibSvmChunks().source(file, chunkRows))).isEqualTo(rows(new LibSvmChunks().source(file, 40)));
  }

  @Test
  void aMultilabelFileHasOneZeroOneColumnPerLabelUpToItsLargestIndex() throws IOException {
    Path file = Files.writeString(dir.resolve("m.libsvm"), "0,3 1:0.5\n2 2:-1\n1,0 1:2 2:3\n");
    Supplier<ChunkReader> source = new LibSvmChunks().source(file, 2);
    try (ChunkReader r = source.get()) {
      assertThat(r.next().names()).containsExactly("label_0", "label_1", "label_2", "label_3", "f1", "f2");
    }
    assertThat(rows(source)).containsExactly(List.of("1", "0", "0", "1", "0.5", "0"),
        List.of("0", "0", "1", "0", "0", "-1"), List.of("1", "1", "0", "0", "2", "3"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "0.5", "1,x", "1,,2", "1,-2"})
  void aLabelThatIsNoIndexInAMultilabelFileNamesTheFileAndLine(String label) throws IOException {
    Path file = Files.writeString(dir.resolve("m.svm"), "0,1 1:1\n" + label + " 2:1\n");
    assertThatThrownBy(() -> rows(new LibSvmChunks().source(file, 10))).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ":2:1").hasMessageContaining("bad label '" + label + "'");
  }

  @Test
  void aFileOfNoRowsIsRefusedNamingIt() throws IOException {
    Path file = Files.writeString(dir.resolve("empty.libsvm"), "# nothing\n");
    assertThatThrownBy(() -> new LibSvmChunks().source(file, 10)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ": the file has no rows");
  }

  @Test
  void aMalformedEntryNamesTheFileLineAndColumn() throws IOException {
    Path file = Files.writeString(dir.resolve("bad.libsvm"), "1 1:0.5\n0 2:x\n");
    Supplier<ChunkReader> source = new LibSvmChunks().source(file, 10);
    assertThatThrownBy(() -> rows(source)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ":2:2").hasMessageContaining("bad value 'x', expected a number");
  }

  private static final List<String> TRAINED = List.of("label", "f1", "f2", "f3", "f4", "f5");

  @Test
  void aFileReadAfterTheTrainingFileTakesItsWidthWithZerosForTheFeaturesItNeverUses() throws IOException {
    Path file = Files.writeString(dir.resolve("test.libsvm"), "1 1:0.5 3:-2\n0 2:4\n");
    Supplier<ChunkReader> source = new LibSvmChunks().source(file, 10, TRAINED);
    try (ChunkReader r = source.get()) {
      assertThat(r.next().names()).isEqualTo(TRAINED);
    }
    assertThat(rows(source)).containsExactly(List.of("1", "0.5", "0", "-2", "0", "0"),
        List.of("0", "0", "4", "0", "0", "0"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 8})
  void aFileAsWideAsTheTrainingFileReadsAsItDoesAlone(int chunkRows) throws IOException {
    Path file = Files.writeString(dir.resolve("same.libsvm"), "1 1:0.5 5:-2\n0 2:4\n1 3:1 4:2\n");
    assertThat(rows(new LibSvmChunks().source(file, chunkRows, TRAINED)))
        .isEqualTo(rows(new LibSvmChunks().source(file, chunkRows)));
  }

  @Test
  void aFeatureIndexPastTheTrainingWidthIsRefusedNamingFileLineColumnAndTheWidth() throws IOException {
    Path file = Files.writeString(dir.resolve("wide.libsvm"), "1 1:0.5\n0 2:1 9:3\n");
    assertThatThrownBy(() -> new LibSvmChunks().source(file, 10, TRAINED)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file + ":2:3").hasMessageContaining("feature index 9 outside 1..5 (the training file's width)");
  }

  @Test
  void aMultilabelFileReadAfterTheTrainingFileTakesItsLabelsAndRefusesALabelItNeverHad() throws IOException {
    List<String> trained = List.of("label_0", "label_1", "label_2", "label_3", "f1", "f2");
    Path fewer = Files.writeString(dir.resolve("few.libsvm"), "1 1:0.5\n0,2 2:1\n");
    assertThat(rows(new LibSvmChunks().source(fewer, 10, trained))).containsExactly(
        List.of("0", "1", "0", "0", "0.5", "0"), List.of("1", "0", "1", "0", "0", "1"));
    Path more = Files.writeString(dir.resolve("more.libsvm"), "1 1:0.5\n0,4 2:1\n");
    assertThatThrownBy(() -> new LibSvmChunks().source(more, 10, trained)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining(more + ":2:1").hasMessageContaining(
            "bad label '0,4', expected label indices 0..3 separated by commas (the training file's labels)");
  }

  @Test
  void columnsThatNoLibSvmFileHasAreIgnored() throws IOException {
    Path file = Files.writeString(dir.resolve("own.libsvm"), "1 1:0.5 3:-2\n");
    assertThat(rows(new LibSvmChunks().source(file, 10, List.of("y", "x1", "x2"))))
        .isEqualTo(rows(new LibSvmChunks().source(file, 10)));
  }

  @Test
  void isFoundByItsExtensionsThroughTheServiceLoaderAndGzipIsLookedThrough() {
    for (String name : List.of("a.libsvm", "a.SVM", "a.svmlight.gz")) {
      assertThat(ChunkFormat.forFile(Path.of(name))).get().extracting(ChunkFormat::name).isEqualTo("libsvm");
    }
    assertThat(ChunkFormat.forFile(Path.of("a.csv"))).isEmpty();
    assertThat(ChunkFormat.forFile(Path.of("noextension"))).isEmpty();
  }
}
