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

/** {@code tasks[].auxiliary: true} in a config: trained, then left out of the averages and of predict's columns. */
class AuxiliaryTaskConfigTest {
  @TempDir Path dir;

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
