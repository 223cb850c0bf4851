package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static String cell(Table t, String column, int row) {
    int c = t.indexOf(column), code = t.code(c, row);
    return code < 0 ? null : t.values(c).get(code);
  }

  @Test
  void readsHeaderQuotesAndMissingValues() throws IOException {
    Table t = new CsvSource(CsvSource.Options.defaults()).read(write("a.csv",
        "age,city,note\n31,\"Paris, FR\",\"say \"\"hi\"\"\"\n?,Lyon,\n"));
    assertThat(t.names()).containsExactly("age", "city", "note");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(cell(t, "city", 0)).isEqualTo("Paris, FR");
    assertThat(cell(t, "note", 0)).isEqualTo("say \"hi\"");
    assertThat(cell(t, "age", 1)).isNull();
    assertThat(cell(t, "note", 1)).isNull();
    assertThat(t.line(1)).isEqualTo(3);
  }

  @Test
  void readsGzipWithoutHeaderTrimsAndSkipsComments() throws IOException {
    Path p = dir.resolve("b.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("|comment line\n 1, Never married\n 2, Married\n".getBytes(StandardCharsets.UTF_8));
    }
    CsvSource.Options o = CsvSource.Options.defaults().withColumns(List.of("id", "marital")).withComment('|');
    Table t = new CsvSource(o).read(p);
    assertThat(t.rows()).isEqualTo(2);
    assertThat(cell(t, "marital", 0)).isEqualTo("Never married");
    assertThat(t.line(0)).isEqualTo(2);
  }

  @Test
  void readsOtherDelimitersAndMissingTokens() throws IOException {
    CsvSource.Options o = new CsvSource.Options(';', '\'', true, null, true, (char) 0, Set.of("-"));
    Table t = new CsvSource(o).read(write("c.csv", "x;y\n'1;5';-\n"));
    assertThat(cell(t, "x", 0)).isEqualTo("1;5");
    assertThat(cell(t, "y", 0)).isNull();
  }

  @Test
  void streamsChunksOfAtMostTheGivenSize() throws IOException {
    StringBuilder sb = new StringBuilder("v\n");
    for (int i = 0; i < 25; i++) sb.append(i).append('\n');
    List<Integer> sizes = new ArrayList<>();
    new CsvSource(CsvSource.Options.defaults()).readChunks(write("d.csv", sb.toString()), 10, t -> sizes.add(t.rows()));
    assertThat(sizes).containsExactly(10, 10, 5);
  }

  @Test
  void raggedRowNamesFileLineAndColumn() throws IOException {
    Path p = write("e.csv", "a,b,c\n1,2,3\n4,5\n");
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(p))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("e.csv:3:3")
        .hasMessageContaining("2 fields, expected 3");
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path p = write("f.csv", "");
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(p))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("empty");
  }

  @Test
  void duplicateHeaderIsAnError() throws IOException {
    Path p = write("g.csv", "a,a\n1,2\n");
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(p))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("g.csv:1:2").hasMessageContaining("duplicate");
  }

  @Test
  void stripsUtf8ByteOrderMarkFromTheFirstColumnName() throws IOException {
    Path p = dir.resolve("bom.csv");
    Files.write(p, ("\ufefff1,f2\n1,2\n").getBytes(StandardCharsets.UTF_8));
    Table t = new CsvSource(CsvSource.Options.defaults()).read(p);
    assertThat(t.names()).containsExactly("f1", "f2");
    assertThat(cell(t, "f1", 0)).isEqualTo("1");
  }

  @Test
  void stripsByteOrderMarkInsideGzipAndWithoutHeader() throws IOException {
    Path p = gzip("bom.csv.gz", "\ufeff7,x\n".getBytes(StandardCharsets.UTF_8));
    Table t = new CsvSource(CsvSource.Options.defaults().withColumns(List.of("n", "s"))).read(p);
    assertThat(cell(t, "n", 0)).isEqualTo("7");
  }

  @Test
  void truncatedGzipNamesFileLineReachedAndCause() throws IOException {
    StringBuilder sb = new StringBuilder("a,b\n");
    for (int i = 0; i < 5000; i++) sb.append(i).append(',').append(i * 7919 % 10007).append('\n');
    byte[] whole = Files.readAllBytes(gzip("whole.csv.gz", sb.toString().getBytes(StandardCharsets.UTF_8)));
    Path p = dir.resolve("cut.csv.gz");
    Files.write(p, java.util.Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(p))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cut.csv.gz:")
        .hasMessageContaining("unexpected end of compressed data")
        .satisfies(e -> assertThat(((DataFormatException) e).line()).isGreaterThan(1));
  }

  @Test
  void corruptGzipIsADataFormatErrorNamingTheFile() throws IOException {
    byte[] bytes = Files.readAllBytes(gzip("ok.csv.gz", "a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8)));
    bytes[10] = 0x07;   // first deflate block: final, of the reserved type 3 (the 10-byte gzip header stays intact)
    Path p = dir.resolve("bad.csv.gz");
    Files.write(p, bytes);
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(p))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("bad.csv.gz").hasMessageContaining("corrupt");
  }

  @Test
  void gzipNameOnAPlainFileIsADataFormatError() throws IOException {
    Path p = write("plain.csv.gz", "a,b\n1,2\n");
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(p))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("plain.csv.gz").hasMessageContaining("not in gzip format");
  }

  private Path gzip(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(content);
    }
    return p;
  }

  @Test
  void missingFileIsAnError() {
    assertThatThrownBy(() -> new CsvSource(CsvSource.Options.defaults()).read(dir.resolve("nope.csv")))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("no such file");
  }
}
