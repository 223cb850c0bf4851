package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.data.DataFormatException;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.FeatureOptions;
import io.mtl4j.data.LabelSpec;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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
    assertThat(d.features().shape()).containsExactly(2, 3);
    assertThat(d.features().toArray()).containsExactly(0.5f, 0f, 2f, 0f, 1f, 0f);
    assertThat(d.labels("t").toArray()).containsExactly(1f, 0f);
    Path m = dir.resolve("m.svm");
    Files.writeString(m, "0,2 1:1\n1 2:1\n");
    Dataset ml = LibSvmSource.read(m, "tags", 4, 3);
    assertThat(ml.features().shape()).containsExactly(2, 4);
    assertThat(ml.labels("tags").toArray()).containsExactly(1f, 0f, 1f, 0f, 1f, 0f);
  }

  @Test
  void libSvmBadEntryNamesLineAndColumn() throws IOException {
    Path p = dir.resolve("bad.svm");
    Files.writeString(p, "1 1:0.5\n0 2-1\n");
    assertThatThrownBy(() -> LibSvmSource.read(p, "t", 0, 0)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("bad.svm:2:2").hasMessageContaining("'2-1'");
  }
}
