package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.run.ModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tasks[].auxiliary} in a config: {@code true} (label columns) or a mapping (targets from the input:
 * reconstruction, masked-token); trained, then left out of the averages and of predict's columns.
 */
class AuxiliaryTaskConfigTest {
  private static final String GROUPED = """
      data:
        train: data.csv
        split: {method: random, valid: 0.2, test: 0.2}
      inputs:
        - {name: numbers, kind: dense, columns: [x1, x2]}
        - {name: text, kind: tokens, column: review, embeddingDim: 8}
      tasks:
        - {name: main, type: binary, column: y, metrics: [auc]}
        - {name: recon, auxiliary: RECON, weight: 0.5}
        - {name: hidden, auxiliary: MASKED}
      architecture: {name: shared-bottom, options: {hidden: [8]}}
      training: {epochs: 2, batchSize: 32, threads: 1, seed: 1, patience: 0}
      """;
  private static final String[] WORDS = {"red", "green", "blue", "big", "small", "old", "new", "fast"};

  @TempDir Path dir;

  /** y = x1 + x2 > 0; the review is words drawn at random, one of them "good" when y is 1. */
  private static String rows(int n, long seed) {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("x1,x2,review,y\n");
    for (int i = 0; i < n; i++) {
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      StringBuilder text = new StringBuilder();
      for (int k = 0; k < 3 + r.nextInt(4); k++) text.append(WORDS[r.nextInt(WORDS.length)]).append(' ');
      sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s%s,%d%n", x1, x2, text, x1 + x2 > 0 ? "good" : "",
          x1 + x2 > 0 ? 1 : 0));
    }
    return sb.toString();
  }

  private CliFixture.Result trainGrouped(String recon, String masked) throws IOException {
    Path c = CliFixture.write(dir, rows(300, 2), GROUPED.replace("RECON", recon).replace("MASKED", masked));
    return CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void reconstructionAndMaskedTokenTasksTrainFromYamlAsTheJavaApiBuildsThem() throws IOException {
    CliFixture.Result trained = trainGrouped("{targets: reconstruction, of: numbers}",
        "{targets: masked-token, of: text, vocabulary: 5}");
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(dir.resolve("out/model.mtl4j"), null);
    List<io.mtl4j.task.Task> tasks = saved.model().tasks();
    assertThat(tasks.get(1)).isEqualTo(io.mtl4j.task.Task.reconstruction("recon", 2, "numbers").withWeight(0.5));
    assertThat(tasks.get(2)).isEqualTo(io.mtl4j.task.Task.maskedToken("hidden", 5, "text"));

    Map<String, Object> metrics = JsonMapper.builder().build().readValue(dir.resolve("out/metrics.json").toFile(), Map.class);
    Map<String, Object> test = (Map<String, Object>) metrics.get("test");
    assertThat(((Map<String, Object>) test.get("recon")).get("mse")).isInstanceOf(Number.class);
    assertThat(((Map<String, Object>) test.get("hidden")).get("accuracy")).isInstanceOf(Number.class);
    Map<String, Object> average = (Map<String, Object>) test.get("average");
    assertThat(average.get("auc")).isEqualTo(((Map<String, Object>) test.get("main")).get("auc"));
    assertThat(average.get("mse")).as("no main task has it").isNull();

    CliFixture.Result evaluated = CliFixture.run("evaluate", "--model", dir.resolve("out/model.mtl4j").toString(),
        "--config", dir.resolve("config.yaml").toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("eval.json").toString());
    assertThat(evaluated.code()).as(evaluated.err()).isZero();
    Map<String, Object> again = (Map<String, Object>) JsonMapper.builder().build()
        .readValue(dir.resolve("eval.json").toFile(), Map.class).get("test");
    // evaluate hides the same tokens as the run did on its test rows: the same masked-token accuracy.
    assertThat(((Number) ((Map<String, Object>) again.get("hidden")).get("accuracy")).doubleValue())
        .isCloseTo(((Number) ((Map<String, Object>) test.get("hidden")).get("accuracy")).doubleValue(),
            org.assertj.core.data.Offset.offset(1e-9));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "{targets: reconstruction, of: numbrs}|{targets: masked-token, of: text}|tasks.recon.auxiliary.of = 'numbrs': no such input group; groups: [numbers, text]",
      "{targets: reconstruction, of: text}|{targets: masked-token, of: text}|tasks.recon.auxiliary.of = 'text': a tokens group; reconstruction needs a dense group",
      "{targets: reconstruction, of: numbers}|{targets: masked-token, of: numbers}|tasks.hidden.auxiliary.of = 'numbers': a dense group; masked-token needs a tokens group",
      "{targets: reconstruction, of: numbers}|{targets: masked-token}|tasks.hidden.auxiliary: of is missing",
      "{targets: reconstruction}|{targets: masked-token, of: text}|tasks.recon.auxiliary.of is missing",
      "{targets: autoencoder}|{targets: masked-token, of: text}|tasks.recon.auxiliary: targets = autoencoder, expected one of [masked-token, reconstruction]",
      "{of: numbers}|{targets: masked-token, of: text}|tasks.recon.auxiliary.targets is missing",
      "{targets: reconstruction, of: numbers, vocab: 3}|{targets: masked-token, of: text}|tasks.recon.auxiliary: unknown option 'vocab'",
      "sometimes|{targets: masked-token, of: text}|tasks.recon.auxiliary = 'sometimes': expected true, false or a mapping"})
  void aBadSelfTargetedTaskFailsNamingItsKey(String recon, String masked, String message) throws IOException {
    CliFixture.Result r = trainGrouped(recon, masked);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(dir.resolve("out/model.mtl4j")).doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAuxiliaryTaskIsTrainedButLeftOutOfTheAveragesAndPredictsDefaultColumns() throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(400, 1),
        CliFixture.config("metrics: [auc]}", "metrics: [auc], auxiliary: true, weight: 0.5}"));
    Path out = dir.resolve("out");
    CliFixture.Result trained = CliFixture.run("train", "--config", c.toString(), "--data-dir", dir.toString(),
        "--out", out.toString());
    assertThat(trained.code()).as(trained.err()).isZero();
    ModelStore.Loaded saved = ModelStore.load(out.resolve("model.mtl4j"), null);
    assertThat(saved.model().tasks().get(1).isAuxiliary()).isTrue();
    assertThat(saved.model().tasks().get(1).weight()).isEqualTo(0.5);

    Map<String, Object> metrics = JsonMapper.builder().build().readValue(out.resolve("metrics.json").toFile(), Map.class);
    Map<String, Object> test = (Map<String, Object>) metrics.get("test");
    double first = ((Number) ((Map<String, Object>) test.get("first")).get("auc")).doubleValue();
    double second = ((Number) ((Map<String, Object>) test.get("second")).get("auc")).doubleValue();
    assertThat(second).isNotEqualTo(first); // else the average below could not tell the two apart
    assertThat(((Number) ((Map<String, Object>) test.get("average")).get("auc")).doubleValue()).isEqualTo(first);

    Files.writeString(dir.resolve("in.csv"), "x1,x2,colour\n0.5,-1.0,red\n1.2,0.3,blue\n");
    List<String> plain = predict("plain.csv");
    assertThat(plain.get(0)).contains("first_").doesNotContain("second_");
    List<String> all = predict("all.csv", "--auxiliary");
    assertThat(all.get(0)).contains("first_").contains("second_");

    // serve answers as predict does by default: the main task alone, in the response and in the description.
    io.mtl4j.cli.serve.TrainedRowModel served = io.mtl4j.cli.serve.TrainedRowModel.load(out.resolve("model.mtl4j"),
        null, false);
    assertThat(served.predict(new String[][] {{"0.5", "-1.0", "red"}}).get(0)).containsOnlyKeys("first");
    assertThat((List<Map<String, Object>>) served.describe().get("tasks")).extracting(t -> t.get("name"))
        .containsExactly("first");
  }

  private List<String> predict(String file, String... extra) throws IOException {
    List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", dir.resolve("out/model.mtl4j").toString(),
        "--input", dir.resolve("in.csv").toString(), "--output", dir.resolve(file).toString()));
    args.addAll(List.of(extra));
    CliFixture.Result r = CliFixture.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return Files.readAllLines(dir.resolve(file));
  }
}
