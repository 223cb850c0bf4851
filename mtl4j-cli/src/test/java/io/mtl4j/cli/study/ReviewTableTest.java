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
import java.util.Map;
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

  /**
   * examples/fdu-masked-token.yaml, with 2 epochs, trains on a table of its shape: the four domains' few labelled
   * reviews and their unlabelled texts, which only the auxiliary masked-token task reads.
   */
  @Test
  void theMaskedTokenExampleTrainsOnTheTableWithUnlabelledTexts() throws Exception {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    String[] words = {"good", "bad", "plot", "sound", "battery", "pan", "story", "fine", "awful", "great"};
    List<FduMtl.Domain> domains = new ArrayList<>();
    for (String d : List.of("books", "dvd", "electronics", "kitchen_housewares")) {
      domains.add(new FduMtl.Domain(d, labelled(r, words, 30), labelled(r, words, 10), labelled(r, words, 10),
          labelled(r, words, 20).texts()));
    }
    ReviewTable.write(dir.resolve(ReviewTable.FILE), domains);
    Table t = new CsvSource(CsvSource.Options.defaults()).read(dir.resolve(ReviewTable.FILE));
    assertThat(t.rows()).isEqualTo(4 * 50 + 4 * 20);
    assertThat(cell(t, "domain", 200)).isEqualTo(ReviewTable.UNLABELLED);
    assertThat(t.code(t.indexOf("label"), 200)).as("no label").isNegative();
    assertThat(List.of(cell(t, "split", 200), cell(t, "split", 216), cell(t, "split", 218)))
        .containsExactly("train", "valid", "test");

    Path config = dir.resolve("masked.yaml");
    Files.writeString(config, Files.readString(Path.of("..", "examples", "fdu-masked-token.yaml"))
        .replace("epochs: 30", "epochs: 2"));
    Path out = dir.resolve("out");
    io.mtl4j.cli.CliFixture.Result run = io.mtl4j.cli.CliFixture.run("train", "--config", config.toString(),
        "--data-dir", dir.toString(), "--out", out.toString());
    assertThat(run.code()).as(run.err()).isZero();
    io.mtl4j.task.Task masked = io.mtl4j.cli.run.ModelStore.load(out.resolve("model.mtl4j"), null).model().tasks().get(4);
    assertThat(masked.auxiliary()).isEqualTo(new io.mtl4j.task.Auxiliary("masked-token", "text"));
    assertThat(masked.weight()).isEqualTo(0.5);

    // evaluate hides the same tokens of the masked task's test rows as the run did: the same accuracy.
    io.mtl4j.cli.CliFixture.Result evaluated = io.mtl4j.cli.CliFixture.run("evaluate", "--model",
        out.resolve("model.mtl4j").toString(), "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("eval.json").toString());
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    assertThat(maskedAccuracy(dir.resolve("eval.json"))).isEqualTo(maskedAccuracy(out.resolve("metrics.json")));
  }

  @SuppressWarnings("unchecked")
  private static double maskedAccuracy(Path json) throws java.io.IOException {
    Map<String, Object> test = (Map<String, Object>) tools.jackson.databind.json.JsonMapper.builder().build()
        .readValue(json.toFile(), Map.class).get("test");
    return ((Number) ((Map<String, Object>) test.get("masked")).get("accuracy")).doubleValue();
  }

  private static FduMtl.Labelled labelled(java.util.SplittableRandom r, String[] words, int n) {
    List<String> texts = new ArrayList<>();
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < 3 + r.nextInt(5); k++) sb.append(words[r.nextInt(words.length)]).append(' ');
      texts.add(sb.toString().strip());
      labels[i] = texts.get(i).contains("good") ? 1 : 0;
    }
    return new FduMtl.Labelled(texts, labels);
  }

  private static String cell(Table t, String column, int row) {
    int c = t.indexOf(column);
    return t.values(c).get(t.code(c, row));
  }
}
