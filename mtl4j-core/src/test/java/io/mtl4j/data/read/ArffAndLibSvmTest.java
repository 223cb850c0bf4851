package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.SparseRows;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class ArffAndLibSvmTest {
  @TempDir Path dir;

  @Test
  void readsDenseAndSparseArffRows() throws IOException {
    Path p = dir.resolve("a.arff");
    Files.writeString(p, """
        % comment
        @relation r
        @attribute x numeric
        @attribute 'my colour' {red,blue}
        @attribute l1 {0,1}
        @data
        1.5,red,1
        ?,'blue',0
        {0 2.5, 2 1}
        """);
    Table t = ArffSource.read(p);
    assertThat(t.names()).containsExactly("x", "my colour", "l1");
    assertThat(t.rows()).isEqualTo(3);
    assertThat(t.code(0, 1)).isEqualTo(Table.MISSING);
    assertThat(t.values(1).get(t.code(1, 1))).isEqualTo("blue");
    assertThat(t.values(1).get(t.code(1, 2))).isEqualTo("0");   // absent sparse value is 0
    assertThat(t.values(2).get(t.code(2, 2))).isEqualTo("1");
  }

  @Test
  void arffRowWithTooFewValuesIsAnError() throws IOException {
    Path p = dir.resolve("b.arff");
    Files.writeString(p, "@attribute x numeric\n@attribute y numeric\n@data\n1,2\n3\n");
    assertThatThrownBy(() -> ArffSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("b.arff:5:2").hasMessageContaining("1 values, expected 2");
  }

  @Test
  void readsTheMulanEmotionsSetAsMultilabel() {
    Path p = Path.of(System.getProperty("mtl4j.data.dir", Path.of("..", "..", "shared", "data").toString()), "multilabel-mulan", "emotions.arff.gz");
    assumeTrue(Files.isRegularFile(p), "emotions.arff.gz not found at " + p + "; see shared/data/multilabel-mulan/PROVENANCE.md");
    Table t = ArffSource.read(p);
    assertThat(t.rows()).isEqualTo(593);
    assertThat(t.names()).hasSize(78);
    List<String> labels = t.names().subList(72, 78);
    assertThat(labels).startsWith("amazed-suprised");
    LabelSpec spec = new LabelSpec("emotions", "multilabel", labels, null, null);
    Dataset d = Preprocessing.fit(t, Preprocessing.allRows(t), FeatureOptions.defaults(), List.of(spec)).dataset(t, Preprocessing.allRows(t));
    assertThat(d.featureCount()).isEqualTo(72);
    assertThat(d.labels("emotions").shape()).containsExactly(593, 6);
  }

  @Test
  void readsLibSvmSingleAndMultilabel() throws IOException {
    Path p = dir.resolve("a.svm");
    Files.writeString(p, "1 1:0.5 3:2\n-1 2:1 # note\n");
    Dataset d = LibSvmSource.read(p, "t", 0, 0);
    Tensor dense = sparse(d).toDense();
    assertThat(dense.shape()).containsExactly(2, 3);
    assertThat(dense.toArray()).containsExactly(0.5f, 0f, 2f, 0f, 1f, 0f);
    assertThat(d.labels("t").toArray()).containsExactly(1f, 0f);
    Path m = dir.resolve("m.svm");
    Files.writeString(m, "0,2 1:1\n1 2:1\n");
    Dataset ml = LibSvmSource.read(m, "tags", 4, 3);
    assertThat(sparse(ml).toDense().shape()).containsExactly(2, 4);
    assertThat(ml.labels("tags").toArray()).containsExactly(1f, 0f, 1f, 0f, 1f, 0f);
  }

  @Test
  void libSvmBadEntryNamesLineAndColumn() throws IOException {
    Path p = dir.resolve("bad.svm");
    Files.writeString(p, "1 1:0.5\n0 2-1\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("bad.svm:2:2").hasMessageContaining("'2-1'");
  }

  @Test
  void libSvmHugeFeatureIndexIsRefusedBeforeAllocating() throws IOException {
    Path p = dir.resolve("huge.svm");
    Files.writeString(p, "1 1:0.5\n0 3:1 2000000000:1\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("huge.svm:2:3").hasMessageContaining("2000000000").hasMessageContaining("declare");
  }

  @Test
  void libSvmIndexAboveTheDeclaredWidthIsRefusedInTheFirstPass() throws IOException {
    Path p = dir.resolve("wide.svm");
    Files.writeString(p, "1 1:0.5\n0 2:1 2000000000:1\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 4, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("wide.svm:2:3").hasMessageContaining("outside 1..4");
  }

  @Test
  void libSvmRowsStaySparseWhateverTheWidth() throws IOException {
    // 3000 rows × 10⁶ columns would be 12 GB dense; the reader used to refuse it, now it holds 3000 entries.
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 3000; i++) sb.append(i % 2).append(" 1000000:1\n");
    Path p = dir.resolve("many.svm");
    Files.writeString(p, sb.toString());
    SparseRows rows = sparse(LibSvmSource.read(p, "t", 0, 0));
    assertThat(rows.width()).isEqualTo(1_000_000);
    assertThat(rows.nonZeros()).isEqualTo(3000);
    assertThat(rows.columns()).containsOnly(999_999);
  }

  @Test
  void libSvmWithoutAnyFeatureEntryNeedsADeclaredWidth() throws IOException {
    Path p = Files.writeString(dir.resolve("labels.svm"), "1\n0 # no entries\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("labels.svm").hasMessageContaining("no row has a feature entry");
    assertThat(sparse(LibSvmSource.read(p, "t", 3, 0)).toDense().toArray()).containsOnly(0f).hasSize(6);
  }

  private static SparseRows sparse(Dataset d) {
    return (SparseRows) d.groups().group(LibSvmSource.GROUP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1 1:NaN", "1 2:Infinity", "1 2:-Infinity", "1 2:1e50"})
  void libSvmNonFiniteValueIsRefusedWithLineAndColumn(String row) throws IOException {
    Path p = dir.resolve("nan.svm");
    Files.writeString(p, "0 1:1\n" + row + "\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("nan.svm:2:2").hasMessageContaining("finite");
  }

  @Test
  void libSvmNonFiniteLabelIsRefused() throws IOException {
    Path p = dir.resolve("label.svm");
    Files.writeString(p, "0 1:1\nNaN 1:2\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("label.svm:2:1").hasMessageContaining("finite");
  }

  @Test
  void lineLongerThanTheBoundIsRefusedBeforeItIsBuilt() throws IOException {
    Path p = dir.resolve("long.svm");
    Files.writeString(p, "1 1:1\n" + "0".repeat(TextInput.MAX_LINE + 1));
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("long.svm:1:").hasMessageContaining("longer than " + TextInput.MAX_LINE);
    Path arff = dir.resolve("long.arff");
    Files.writeString(arff, "@attribute x numeric\n@data\n" + "1".repeat(TextInput.MAX_LINE + 1) + "\n");
    assertThatThrownBy(() -> ArffSource.read(arff)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("long.arff:2:").hasMessageContaining("longer than");
  }

  @Test
  void libSvmReadsAFileWithAByteOrderMark() throws IOException {
    Path p = dir.resolve("bom.svm");
    Files.write(p, "\ufeff1 1:0.5\n0 2:1\n".getBytes(StandardCharsets.UTF_8));
    assertThat(LibSvmSource.read(p, "t", 0, 0).labels("t").toArray()).containsExactly(1f, 0f);
  }

  @Test
  void libSvmTruncatedGzipNamesFileAndCause() throws IOException {
    Path p = truncatedGzip("cut.svm.gz", i -> (i % 2) + " 1:" + i + " 7:0.25\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cut.svm.gz:").hasMessageContaining("unexpected end of compressed data");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5,green,1", "{0 2.5, 1 green}", "1.5,red,2"})
  void arffNominalValueNotDeclaredInTheHeaderIsRefused(String row) throws IOException {
    Path p = dir.resolve("nominal.arff");
    Files.writeString(p, "@attribute x numeric\n@attribute colour {red,'dark blue'}\n@attribute l {0,1}\n@data\n"
        + "1,'dark blue',0\n" + row + "\n");
    assertThatThrownBy(() -> ArffSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("nominal.arff:6:").hasMessageContaining("not declared");
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc,red", "NaN,red", "{0 Infinity}"})
  void arffNumericAttributeRefusesValuesThatAreNotFiniteNumbers(String row) throws IOException {
    Path p = dir.resolve("num.arff");
    Files.writeString(p, "@attribute x REAL\n@attribute colour {red}\n@data\n1e3,red\n" + row + "\n");
    assertThatThrownBy(() -> ArffSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("num.arff:5:").hasMessageContaining("finite number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"@attribute c {a,'b b'-1}\n@data\na\n", "@attribute c {a,b}\n@data\n'a'x\n"})
  void arffBadQuotingNamesTheLine(String text) throws IOException {
    Path p = dir.resolve("quote.arff");
    Files.writeString(p, "@relation r\n" + text);
    assertThatThrownBy(() -> ArffSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageMatching(".*quote\\.arff:[24]: bad quoting.*");
  }

  @Test
  void arffTruncatedGzipNamesFileAndCause() throws IOException {
    String head = "@attribute x numeric\n@attribute y numeric\n@data\n";
    Path p = truncatedGzip("cut.arff.gz", i -> (i == 0 ? head : "") + i + "," + (i * 31 % 97) + "\n");
    assertThatThrownBy(() -> ArffSource.read(p)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("cut.arff.gz:").hasMessageContaining("unexpected end of compressed data");
  }

  /** The first half of a gzip stream of 5000 generated lines. */
  private Path truncatedGzip(String name, java.util.function.IntFunction<String> line) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      for (int i = 0; i < 5000; i++) out.write(line.apply(i).getBytes(StandardCharsets.UTF_8));
    }
    Path p = dir.resolve(name);
    Files.write(p, java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() / 2));
    return p;
  }
}
