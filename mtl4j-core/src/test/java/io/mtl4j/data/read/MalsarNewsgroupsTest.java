package io.mtl4j.data.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalsarNewsgroupsTest {
  @TempDir
  Path dir;

  /** The Contents table of ../shared/data/malsar-20newsgroups/PROVENANCE.md. */
  @Test
  void readsBothPairsWithTheDocumentCountsOfPROVENANCE() {
    Path data = SharedText.require("malsar-20newsgroups", "comp.vs.sci/task1.svm.gz");
    List<MalsarNewsgroups.Task> comp = MalsarNewsgroups.read(data, "comp.vs.sci");
    List<MalsarNewsgroups.Task> rec = MalsarNewsgroups.read(data, "rec.vs.talk");
    int[][] expected = {{1875, 100922, 967}, {1827, 90209, 871}, {1844, 110726, 975}, {1545, 78608, 860}};
    List<MalsarNewsgroups.Task> all = List.of(comp.get(0), comp.get(1), rec.get(0), rec.get(1));
    for (int t = 0; t < 4; t++) {
      MalsarNewsgroups.Task task = all.get(t);
      assertThat(task.documents()).as(task.name()).isEqualTo(expected[t][0]);
      assertThat(task.terms()).as(task.name() + " non-zeros").hasSize(expected[t][1]);
      assertThat(Arrays.stream(task.labels()).sum()).as(task.name() + " label 1").isEqualTo(expected[t][2]);
      assertThat(task.offsets()[task.documents()]).isEqualTo(task.terms().length);
      assertThat(Arrays.stream(task.terms()).allMatch(j -> j >= 0 && j < MalsarNewsgroups.TERMS)).isTrue();
    }
    assertThat(comp.get(0).name()).isEqualTo("comp.vs.sci/task1");
  }

  @Test
  void givesEachDocumentItsTermsAndCounts() throws IOException {
    Path file = Files.writeString(dir.resolve("t.svm"), "1 3:2 7:1\n2\n2 2000:5\n");
    MalsarNewsgroups.Task t = MalsarNewsgroups.task("t", file);
    assertThat(t.offsets()).containsExactly(0, 2, 2, 3);
    assertThat(t.terms()).containsExactly(2, 6, 1999);
    assertThat(t.counts()).containsExactly(2, 1, 5);
    assertThat(t.labels()).containsExactly(1, 0, 0);
  }

  @Test
  void badEntriesNameTheFileLineAndField() throws IOException {
    assertThatThrownBy(() -> MalsarNewsgroups.task("t", Files.writeString(dir.resolve("a.svm"), "1 3:2\n1 4:x\n")))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("a.svm:2:2").hasMessageContaining("'4:x'");
    assertThatThrownBy(() -> MalsarNewsgroups.task("t", Files.writeString(dir.resolve("b.svm"), "1 5:1 3:1\n")))
        .hasMessageContaining("b.svm:1:3").hasMessageContaining("term 3: expected 6..2000");
    assertThatThrownBy(() -> MalsarNewsgroups.task("t", Files.writeString(dir.resolve("c.svm"), "3 5:1\n")))
        .hasMessageContaining("c.svm:1:1").hasMessageContaining("expected 1 or 2");
    assertThatThrownBy(() -> MalsarNewsgroups.task("t", Files.writeString(dir.resolve("d.svm"), "1 2001:1\n")))
        .hasMessageContaining("term 2001");
    assertThatThrownBy(() -> MalsarNewsgroups.task("t", Files.writeString(dir.resolve("e.svm"), "1 5:0\n")))
        .hasMessageContaining("count 0");
    assertThatThrownBy(() -> MalsarNewsgroups.read(dir, "alt.vs.misc")).hasMessageContaining("no pair 'alt.vs.misc'");
  }
}
