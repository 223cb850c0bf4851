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

class FduMtlTest {
  @TempDir
  Path dir;

  /** Figures from ../shared/data/fdu-mtl/PROVENANCE.md, checked on the files. */
  @Test
  void readsTheSixteenDomainsAsPROVENANCEDescribesThem() {
    Path data = SharedText.require("fdu-mtl", "MR.task.train.gz");
    List<FduMtl.Domain> domains = FduMtl.readAll(data, false);
    assertThat(domains).extracting(FduMtl.Domain::name).containsExactlyElementsOf(FduMtl.DOMAINS);
    for (FduMtl.Domain d : domains) {
      assertThat(d.dev().size()).as(d.name()).isEqualTo(200);
      assertThat(d.test().size()).as(d.name()).isEqualTo(400);
      assertThat(d.unlabelled()).isEmpty();
    }
    FduMtl.Domain apparel = domains.get(0);
    assertThat(apparel.train().size()).isEqualTo(1400);
    assertThat(ones(apparel.train().labels()) + ones(apparel.dev().labels())).as("label 1 in apparel.task.train").isEqualTo(785);
    assertThat(ones(apparel.test().labels())).isEqualTo(215);
    assertThat(apparel.dev().labels()).as("dev 0/1 = 105/95").hasSize(200).matches(l -> ones(l) == 95);
    assertThat(apparel.test().texts().get(0)).startsWith("the only thing better than these sunglasses");
    assertThat(apparel.test().labels()[0]).isEqualTo(1);
    assertThat(domains.get(1).train().size()).as("baby: 1,500 − 200").isEqualTo(1300);
    assertThat(domains.get(10).train().size()).as("software: 1,515 − 200").isEqualTo(1315);
  }

  @Test
  void decodesMixedEncodingsLineByLine() {
    Path data = SharedText.require("fdu-mtl", "MR.task.train.gz");
    FduMtl.Domain imdb = FduMtl.read(data, "imdb", true);
    assertThat(imdb.train().size() + imdb.dev().size()).as("U+0085 does not split imdb's lines").isEqualTo(1600);
    assertThat(imdb.unlabelled()).hasSize(2000);
    assertThat(imdb.train().texts().stream().anyMatch(t -> t.indexOf('\u0085') >= 0)).isTrue();
    FduMtl.Domain mr = FduMtl.read(data, "MR", false);
    // MR is cp1252: byte 0xE9 is é, never the U+FFFD of a failed UTF-8 decode.
    assertThat(String.join("\n", mr.train().texts())).contains("é").doesNotContain("\uFFFD");
    FduMtl.Domain sports = FduMtl.read(data, "sports_outdoors", false);
    assertThat(sports.train().texts().get(1120)).as("line 1121 is '0<TAB>', kept").isEmpty();
  }

  @Test
  void splitsTheLastTwoHundredTrainLinesOffAsDev() throws IOException {
    StringBuilder train = new StringBuilder();
    for (int i = 0; i < 203; i++) train.append(i % 2).append('\t').append("text ").append(i).append('\n');
    write("books.task.train", train.toString());
    write("books.task.test", "1\tgood\n0\tbad\n");
    FduMtl.Domain d = FduMtl.read(dir, "books", false);
    assertThat(d.train().texts()).containsExactly("text 0", "text 1", "text 2");
    assertThat(d.dev().texts().get(0)).isEqualTo("text 3");
    assertThat(d.test().labels()).containsExactly(1, 0);
  }

  @Test
  void badLinesNameTheFileAndLine() throws IOException {
    write("books.task.test", "1\tgood\n");
    write("books.task.train", "1\tok\n1 no tab here\n");
    assertThatThrownBy(() -> FduMtl.read(dir, "books", false)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("books.task.train:2").hasMessageContaining("no tab");
    write("books.task.train", "1\tok\npositive\tno\n");
    assertThatThrownBy(() -> FduMtl.read(dir, "books", false)).hasMessageContaining("books.task.train:2:1")
        .hasMessageContaining("label 'positive', expected 0 or 1");
    write("books.task.train", "1\tok\n");
    assertThatThrownBy(() -> FduMtl.read(dir, "books", false)).hasMessageContaining("has 1 labelled lines");
    assertThatThrownBy(() -> FduMtl.read(dir, "kitchen", false)).hasMessageContaining("no domain 'kitchen'");
    assertThatThrownBy(() -> FduMtl.read(dir, "dvd", false)).isInstanceOf(DataFormatException.class)
        .hasMessageContaining("dvd.task.train.gz").hasMessageContaining("no such file");
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }

  private static int ones(int[] labels) {
    return Arrays.stream(labels).sum();
  }
}
