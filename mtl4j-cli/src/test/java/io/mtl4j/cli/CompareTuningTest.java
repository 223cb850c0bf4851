package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code compare} with {@code tune} (each model searched alike) and with cross-validation (folds in place of seeds). */
class CompareTuningTest {
  /** Random search with one budget for every model: 3 of MMoE's 4 combinations, single-task's 2 learning rates. */
  private static final String TUNE = "tune: {method: random, budget: 3, seed: 2, space: "
      + "{optimizer.options.learningRate: [0.001, 0.05], architecture.options.experts: [1, 3]}}\n";

  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  private CliRunner.Result compare(String data, String config, String... extra) throws IOException {
    Path c = CliFixture.write(dir, data, config);
    List<String> args = new java.util.ArrayList<>(List.of("compare", "--config", c.toString(), "--data-dir",
        dir.toString(), "--out", out().toString(), "--quiet"));
    args.addAll(List.of(extra));
    return CliRunner.run(args.toArray(String[]::new));
  }

  private static Map<String, Object> json(Path file) throws IOException {
    return JsonMapper.builder().build().readValue(file.toFile(), Map.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyComparedModelIsTunedAloneOnTheOptionsItHas() throws IOException {
    CliRunner.Result r = compare(CliFixture.csv(200, 1), CliFixture.CONFIG + TUNE, "--seeds", "1");
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<Map<String, Object>> searches = (List<Map<String, Object>>) json(out().resolve("tuning.json")).get("searches");
    assertThat(searches).extracting(s -> s.get("model")).containsExactly("single-task, seed 1", "mmoe, seed 1");
    // Experts mean nothing to single-task: its draws vary the learning rate only, and equal draws train once.
    assertThat((List<?>) searches.get(0).get("trials")).hasSize(2);
    assertThat((List<?>) searches.get(1).get("trials")).hasSize(3);
    assertThat(r.out()).contains("tuned single-task, seed 1: best of 2 trials", "tuned mmoe, seed 1: best of 3 trials");
  }

  @Test
  void aTrialValueInvalidForOneComparedModelIsExit2BeforeAnyTraining() throws IOException {
    CliRunner.Result r = compare(CliFixture.csv(200, 1), CliFixture.CONFIG + TUNE.replace("[1, 3]", "[0]").replace("budget: 3", "budget: 2"), "--seeds", "1");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("tune trial 1", "architecture.options.experts=0");
    assertThat(out()).doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void crossValidationReportsEveryFoldAndTheMeanDeltaM() throws IOException {
    String config = CliFixture.CONFIG.replace("split: {method: random, valid: 0.2, test: 0.2}",
        "split: {method: kfold, folds: 3, valid: 0.25, crossValidate: true}");
    CliRunner.Result r = compare(CliFixture.csv(240, 1), config);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> metrics = json(out().resolve("metrics.json"));
    assertThat(metrics.get("folds")).isEqualTo(3);
    Map<String, Object> auc = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) metrics.get("test"))
        .get("mmoe")).get("first auc");
    List<Double> perFold = (List<Double>) auc.get("values");
    assertThat(perFold).hasSize(3);
    assertThat((Double) auc.get("mean")).isCloseTo((perFold.get(0) + perFold.get(1) + perFold.get(2)) / 3, within(1e-12));
    Map<String, Object> deltaM = (Map<String, Object>) ((Map<String, Object>) metrics.get("deltaMPercentVssingle-task")).get("mmoe");
    List<Double> d = (List<Double>) deltaM.get("values");
    assertThat(d).hasSize(3);
    assertThat((Double) deltaM.get("mean")).isCloseTo((d.get(0) + d.get(1) + d.get(2)) / 3, within(1e-12));
    assertThat(Files.readAllLines(out().resolve("comparison.csv")).get(0)).isEqualTo("model,fold,task,metric,value");
    assertThat(r.out()).contains("mean ± std over 3 folds");
  }

  @Test
  void seedsAndFoldsAreNotMixed() throws IOException {
    String config = CliFixture.CONFIG.replace("split: {method: random, valid: 0.2, test: 0.2}",
        "split: {method: kfold, folds: 3, valid: 0.25, crossValidate: true}");
    CliRunner.Result r = compare(CliFixture.csv(240, 1), config, "--seeds", "2");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("the folds replace the seeds");
  }
}
