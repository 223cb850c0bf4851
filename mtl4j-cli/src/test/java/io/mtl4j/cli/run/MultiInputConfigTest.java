package io.mtl4j.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.cli.CliFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Multi-input configs: each task its own rows, by a task column or one file per task. */
class MultiInputConfigTest {
  @TempDir Path dir;

  private static final String MODEL = """
      architecture:
        name: shared-bottom
        options: {hidden: [8]}
        head: {hidden: [4]}
      optimizer: {name: adam, options: {learningRate: 0.03}}
      training: {epochs: 25, batchSize: 32, threads: 1, seed: 1, patience: 0%s}
      compare: {seeds: 2, models: [{name: single-task, options: {hidden: [4]}}, {name: shared-bottom, options: {hidden: [8]}}]}
      """;

  private static final String TASK_COLUMN_CONFIG = """
      data:
        train: data.csv
        taskColumn: school
        split: {method: random, valid: 0.2, test: 0.2}
      tasks:
        - {name: up, type: binary, column: y, metrics: [auc]}
        - {name: down, type: binary, column: y, values: [d1, d2], metrics: [auc]}
      """ + MODEL.formatted("");

  private static final String FILE_CONFIG = """
      data:
        split: {method: stratified, column: y, valid: 0.2, test: 0.2}
      tasks:
        - {name: up, type: binary, column: y, file: up.csv, metrics: [auc]}
        - {name: down, type: binary, column: y, file: down.csv, metrics: [auc]}
      """ + MODEL.formatted(", sampling: round-robin");

  /**
   * Rows of the task column's {@code up} (y = x1 &gt; 0) and {@code down} (y = x1 &lt; 0, tasks values d1/d2): the two
   * tasks share a label column but contradict each other, so only per-task data can learn both.
   */
  private static String rows(int up, int down, boolean withSchool, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder(withSchool ? "x1,x2,colour,school,y\n" : "x1,x2,colour,y\n");
    for (int i = 0; i < up + down; i++) {
      boolean isUp = i < up;
      double x1 = r.nextGaussian(), x2 = r.nextGaussian();
      String school = isUp ? "up," : i % 2 == 0 ? "d1," : "d2,";
      sb.append(String.format(Locale.ROOT, "%.4f,%.4f,%s,%s%d%n", x1, x2, i % 3 == 0 ? "red" : "blue",
          withSchool ? school : "", (x1 > 0) == isUp ? 1 : 0));
    }
    return sb.toString();
  }

  private CliFixture.Result run(String command, String config, String out) throws IOException {
    Path c = dir.resolve("config.yaml");
    Files.writeString(c, config);
    return CliFixture.run(command, "--config", c.toString(), "--data-dir", dir.toString(), "--out", dir.resolve(out).toString());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> metrics(String out) throws IOException {
    return JsonMapper.builder().build().readValue(dir.resolve(out).resolve("metrics.json").toFile(), Map.class);
  }

  @SuppressWarnings("unchecked")
  private static double auc(Map<String, Object> metrics, String task) {
    return ((Number) ((Map<String, Object>) ((Map<String, Object>) metrics.get("test")).get(task)).get("auc")).doubleValue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void taskColumnTrainsEachTaskOnItsOwnRowsSplitWithinEachTaskAndEvaluateReproducesItsMetrics() throws IOException {
    Files.writeString(dir.resolve("data.csv"), rows(240, 80, true, 1));
    CliFixture.Result r = run("train", TASK_COLUMN_CONFIG, "out");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> m = metrics("out");
    // 20 % of each task's rows: 48 + 16 for validation and for test.
    assertThat(m.get("rows")).isEqualTo(Map.of("train", 192, "valid", 64, "test", 64));
    assertThat(auc(m, "up")).isGreaterThan(0.85);
    assertThat(auc(m, "down")).isGreaterThan(0.85);

    Path eval = dir.resolve("eval.json");
    CliFixture.Result again = CliFixture.run("evaluate", "--model", dir.resolve("out").resolve("model.mtl4j").toString(),
        "--config", dir.resolve("config.yaml").toString(), "--data-dir", dir.toString(), "--out", eval.toString());
    assertThat(again.code()).as(again.err()).isZero();
    Map<String, Object> e = JsonMapper.builder().build().readValue(eval.toFile(), Map.class);
    assertThat(auc(e, "down")).isCloseTo(auc(m, "down"), within(1e-9));
    assertThat(auc(e, "up")).isCloseTo(auc(m, "up"), within(1e-9));
  }

  @Test
  void finetuneRefusesAMultiInputConfig() throws IOException {
    Files.writeString(dir.resolve("data.csv"), rows(60, 30, true, 10));
    CliFixture.Result r = run("train", TASK_COLUMN_CONFIG.replace("epochs: 25", "epochs: 1"), "out");
    assertThat(r.code()).as(r.err()).isZero();
    CliFixture.Result f = CliFixture.run("finetune", "--model", dir.resolve("out").resolve("model.mtl4j").toString(),
        "--config", dir.resolve("config.yaml").toString(), "--data-dir", dir.toString(), "--out", dir.resolve("ft").toString());
    assertThat(f.code()).as(f.err()).isEqualTo(2);
    assertThat(f.err()).contains("multi-input", "finetune");
  }

  @Test
  @SuppressWarnings("unchecked")
  void filePerTaskTrainsTasksOfDifferentSizesWithRoundRobinSampling() throws IOException {
    Files.writeString(dir.resolve("up.csv"), rows(200, 0, false, 2));
    Files.writeString(dir.resolve("down.csv"), rows(0, 60, false, 3));
    CliFixture.Result r = run("train", FILE_CONFIG, "out");
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, Object> m = metrics("out");
    assertThat(((Map<String, Object>) m.get("rows")).values().stream().mapToInt(v -> (Integer) v).sum()).isEqualTo(260);
    assertThat(auc(m, "up")).isGreaterThan(0.85);
    assertThat(auc(m, "down")).isGreaterThan(0.8);
    assertThat(Files.readString(dir.resolve("out").resolve("report.html"))).contains("down");
  }

  @Test
  void compareRunsEveryModelOnEveryTaskFile() throws IOException {
    Files.writeString(dir.resolve("up.csv"), rows(150, 0, false, 4));
    Files.writeString(dir.resolve("down.csv"), rows(0, 50, false, 5));
    CliFixture.Result r = run("compare", FILE_CONFIG, "cmp");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> csv = Files.readAllLines(dir.resolve("cmp").resolve("comparison.csv"));
    // 2 models × 2 seeds × (up auc, down auc, average auc)
    assertThat(csv).hasSize(1 + 2 * 2 * 3);
    assertThat(csv).anyMatch(l -> l.startsWith("shared-bottom,2,down,auc,"));
  }

  @Test
  void aTaskColumnValueThatIsNoTaskIsRejectedWithItsLine() throws IOException {
    Files.writeString(dir.resolve("data.csv"), rows(40, 20, true, 6) + "0.5,0.5,red,d3,1\n");
    CliFixture.Result r = run("train", TASK_COLUMN_CONFIG, "out");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("data.csv:62:4", "'d3'", "[up, down]");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void aMissingTaskFileIsRejectedNamingTheTask() throws IOException {
    Files.writeString(dir.resolve("up.csv"), rows(40, 0, false, 7));
    CliFixture.Result r = run("train", FILE_CONFIG, "out");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("tasks.down.file", "down.csv", "does not exist");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void anUnknownSamplingIsRejected() throws IOException {
    Files.writeString(dir.resolve("up.csv"), rows(40, 0, false, 8));
    Files.writeString(dir.resolve("down.csv"), rows(0, 20, false, 9));
    CliFixture.Result r = run("train", FILE_CONFIG.replace("round-robin", "shuffled"), "out");
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("training.sampling", "shuffled", "round-robin");
  }
}
