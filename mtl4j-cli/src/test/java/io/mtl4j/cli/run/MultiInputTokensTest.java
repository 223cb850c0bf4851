package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.data.TokenGroup;
import io.mtl4j.encode.text.Vocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** A tokens group over multi-input data: two text tasks in their own files (an FDU-MTL-like set) train from YAML. */
class MultiInputTokensTest {
  private static final String CONFIG = """
      data:
        split: {method: stratified, column: label, valid: 0.2, test: 0.2}
      inputs:
        - {name: text, kind: tokens, column: review, embeddingDim: 8, pooling: mean}
      tasks:
        - {name: books, type: binary, column: label, file: books.csv, metrics: [auc]}
        - {name: dvd, type: binary, column: label, file: dvd.csv, metrics: [auc]}
      architecture: {name: shared-bottom, options: {hidden: [8]}, head: {hidden: [4]}}
      optimizer: {name: adam, options: {learningRate: 0.02}}
      training: {epochs: 30, batchSize: 32, threads: 1, seed: 1, patience: 0, sampling: round-robin}
      """;
  private static final String[] FILLER = {"the", "story", "was", "a", "plot", "cast", "and", "it", "really", "long"};

  @TempDir Path dir;

  /** Reviews whose label is whether they contain {@code positive}; the other words are noise shared by both files. */
  private static String reviews(int rows, String positive, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("review,label\n");
    for (int i = 0; i < rows; i++) {
      boolean yes = r.nextBoolean();
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 3 + r.nextInt(5); k++) text.append(FILLER[r.nextInt(FILLER.length)]).append(' ');
      sb.append(text).append(yes ? positive : "").append(',').append(yes ? 1 : 0).append('\n');
    }
    return sb.toString();
  }

  @Test
  @SuppressWarnings("unchecked")
  void twoTextTasksInTheirOwnFilesShareOneVocabularyAndEvaluateReproducesTheMetrics() throws IOException {
    Files.writeString(dir.resolve("books.csv"), reviews(200, "gripping", 1));
    Files.writeString(dir.resolve("dvd.csv"), reviews(120, "superb", 2));
    Path config = dir.resolve("config.yaml");
    Files.writeString(config, CONFIG);
    Path model = dir.resolve("out").resolve("model.mtl4j");
    CliFixture.Result r = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> m = JsonMapper.builder().build().readValue(dir.resolve("out/metrics.json").toFile(), Map.class);
    assertThat(auc(m, "books")).isGreaterThan(0.9);
    assertThat(auc(m, "dvd")).isGreaterThan(0.9);
    // Each task's own word is in the one vocabulary: it was fitted on both files' training rows.
    Vocabulary vocabulary = ((TokenGroup) ModelStore.load(model, null).preprocessing().groups().groups().get(0)).vocabulary();
    assertThat(vocabulary.id("gripping")).isGreaterThan(Vocabulary.OOV);
    assertThat(vocabulary.id("superb")).isGreaterThan(Vocabulary.OOV);

    Path eval = dir.resolve("eval.json");
    CliFixture.Result again = CliFixture.run("evaluate", "--model", model.toString(), "--config", config.toString(),
        "--data-dir", dir.toString(), "--out", eval.toString());
    assertThat(again.code()).as(again.err()).isZero();
    Map<String, Object> e = JsonMapper.builder().build().readValue(eval.toFile(), Map.class);
    assertThat(auc(e, "books")).isCloseTo(auc(m, "books"), within(1e-9));
    assertThat(auc(e, "dvd")).isCloseTo(auc(m, "dvd"), within(1e-9));
  }

  @SuppressWarnings("unchecked")
  private static double auc(Map<String, Object> metrics, String task) {
    return ((Number) ((Map<String, Object>) ((Map<String, Object>) metrics.get("test")).get(task)).get("auc")).doubleValue();
  }
}
