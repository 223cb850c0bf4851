package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import io.mtl4j.data.read.FduMtl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-table form of FDU-MTL that examples/fdu-crossmodal.yaml trains on. */
class ReviewTableTest {
  @TempDir Path dir;

  @Test
  void everyReviewReadsBackWithItsDomainSplitLabelTextAndShape() throws Exception {
    List<String> texts = List.of("great , \"really\" great !", "broke after 2 weeks ? why ?", "meh", "ok , fine",
        "never again !!!");
    FduMtl.Domain books = new FduMtl.Domain("books", new FduMtl.Labelled(texts.subList(0, 2), new int[] {1, 0}),
        new FduMtl.Labelled(texts.subList(2, 3), new int[] {0}), new FduMtl.Labelled(texts.subList(3, 5),
        new int[] {1, 0}), List.of());
    Path file = dir.resolve(ReviewTable.FILE);
    ReviewTable.write(file, List.of(books));
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    Table t = new CsvSource(CsvSource.Options.defaults()).read(file);
    List<String> names = new ArrayList<>(List.of("domain", "split", "label", "text"));
    names.addAll(ReviewShape.COLUMNS);
    assertThat(t.names()).containsExactlyElementsOf(names);
    assertThat(t.rows()).isEqualTo(5);
    String[] splits = {"train", "train", "valid", "test", "test"};
    String[] labels = {"1", "0", "0", "1", "0"};
    for (int r = 0; r < 5; r++) {
      assertThat(cell(t, "domain", r)).isEqualTo("books");
      assertThat(cell(t, "split", r)).isEqualTo(splits[r]);
      assertThat(cell(t, "label", r)).isEqualTo(labels[r]);
      assertThat(cell(t, "text", r)).isEqualTo(texts.get(r));
      float[] shape = ReviewShape.raw(texts.get(r));
      for (int j = 0; j < shape.length; j++) {
        // Written with 6 decimals.
        assertThat(Double.parseDouble(cell(t, ReviewShape.COLUMNS.get(j), r))).isCloseTo(shape[j], within(1e-6));
      }
    }
  }

  private static String cell(Table t, String column, int row) {
    int c = t.indexOf(column);
    return t.values(c).get(t.code(c, row));
  }
}
