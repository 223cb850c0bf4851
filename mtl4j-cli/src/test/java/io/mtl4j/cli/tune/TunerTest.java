package io.mtl4j.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.CliFixture;
import io.mtl4j.cli.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** {@code train} with a {@code tune} section: trials bound up front, chosen on validation rows, then trained as usual. */
class TunerTest {
  static final String GRID = """
      tune:
        method: grid
        metric: first/auc
        space:
          optimizer.options.learningRate: [0.001, 0.05]
          architecture.options.experts: [1, 3]
      """;

  @TempDir Path dir;

  private Path out() {
    return dir.resolve("out");
  }

  private CliRunner.Result train(String config) throws IOException {
    Path c = CliFixture.write(dir, CliFixture.csv(200, 1), config);
    return CliRunner.run("train", "--config", c.toString(), "--data-dir", dir.toString(), "--out", out().toString(), "--quiet");
  }

  static Map<String, Object> json(Path file) throws IOException {
    return JsonMapper.builder().build().readValue(file.toFile(), Map.class);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> trials(Map<String, Object> tuning, int search) {
    Map<String, Object> s = ((List<Map<String, Object>>) tuning.get("searches")).get(search);
    return (List<Map<String, Object>>) s.get("trials");
  }

  @Test
  void listsOfValuesAreRefusedOutsideTune() throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG.replace("learningRate: 0.01", "learningRate: [0.001, 0.01]"));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("optimizer.options.learningRate = '[0.001, 0.01]': expected a number");
    assertThat(out()).doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aGridTrainsEveryCombinationOnceAndKeepsTheBestByValidation() throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG + GRID);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> tuning = json(out().resolve("tuning.json"));
    assertThat(tuning).containsEntry("method", "grid").containsEntry("budget", 4).containsEntry("metric", "first/auc")
        .containsEntry("space", Map.of("optimizer.options.learningRate", List.of(0.001, 0.05), "architecture.options.experts", List.of(1, 3)));
    List<Map<String, Object>> trials = trials(tuning, 0);
    Set<Object> combinations = trials.stream().map(t -> t.get("values")).collect(Collectors.toSet());
    assertThat(combinations).containsExactlyInAnyOrder(
        Map.of("optimizer.options.learningRate", 0.001, "architecture.options.experts", 1),
        Map.of("optimizer.options.learningRate", 0.001, "architecture.options.experts", 3),
        Map.of("optimizer.options.learningRate", 0.05, "architecture.options.experts", 1),
        Map.of("optimizer.options.learningRate", 0.05, "architecture.options.experts", 3));
    assertThat(trials).allSatisfy(t -> assertThat(t.get("seed")).isEqualTo(1));
    double best = trials.stream().mapToDouble(t -> ((Number) t.get("validationScore")).doubleValue()).max().orElseThrow();
    Map<String, Object> search = ((List<Map<String, Object>>) tuning.get("searches")).get(0);
    Map<String, Object> chosen = trials.get((Integer) search.get("bestTrial") - 1);
    assertThat(((Number) chosen.get("validationScore")).doubleValue()).isEqualTo(best);
    // The usual run then trains the chosen config: training is deterministic, so it reproduces the trial exactly.
    Map<String, Object> metrics = json(out().resolve("metrics.json"));
    Map<String, Object> validation = (Map<String, Object>) ((Map<String, Object>) metrics.get("validation")).get("first");
    assertThat(((Number) validation.get("auc")).doubleValue()).isEqualTo(best);
    assertThat(((Map<String, Object>) metrics.get("tuning")).get("values")).isEqualTo(chosen.get("values"));
    assertThat(Files.readString(out().resolve("report.html"))).contains("tuned mmoe: best of 4 trials");
  }

  @Test
  void randomSearchIsSeededAndTrainsAtMostItsBudget() throws IOException {
    String random = """
        tune:
          method: random
          budget: 3
          seed: 7
          space:
            optimizer.options.learningRate: {min: 0.0001, max: 0.1, log: true}
            architecture.options.experts: [1, 2, 3]
        """;
    assertThat(train(CliFixture.CONFIG + random).exitCode()).isZero();
    List<Map<String, Object>> first = trials(json(out().resolve("tuning.json")), 0);
    Files.move(out(), dir.resolve("first"));
    assertThat(train(CliFixture.CONFIG + random).exitCode()).isZero();
    List<Map<String, Object>> again = trials(json(out().resolve("tuning.json")), 0);
    assertThat(first).hasSize(3);
    assertThat(again.stream().map(t -> t.get("values")).toList()).isEqualTo(first.stream().map(t -> t.get("values")).toList());
    assertThat(again.stream().map(t -> t.get("validationScore")).toList())
        .isEqualTo(first.stream().map(t -> t.get("validationScore")).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      training.epochz: [1]                   | unknown key 'epochz' under 'training'; did you mean 'epochs'?
      training.learningRate: [0.01]          | tune.space.training.learningRate: the config has no such key; did you mean optimizer.options.learningRate?
      training.optimizer.options.weightDecay: [0.01] | did you mean optimizer.options.weightDecay?
      architecture.options.expert: [1, 2]    | architecture.options: unknown option 'expert'
      optimizer.options.learningRate: [fast] | learningRate = 'fast': expected a number
      training.epochs.max: [1]               | key path 'training.epochs.max': 'training.epochs' holds the value 3
      training.batchSize: [0]                | training.batchSize
      data.split.valid: [0.1]                | tune.space.data.split.valid
      """)
  void anInvalidKeyPathOrValueIsExit2NamingItBeforeAnyTraining(String entry, String message) throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG + "tune:\n  space:\n    " + entry + "\n");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out()).doesNotExist();
  }

  @Test
  void theTestRowsNeverInfluenceTheChoice() throws IOException {
    // Two runs differ only in their test file: every trial's validation score, and so the choice, must be the same.
    String config = CliFixture.CONFIG.replace("train: data.csv", "train: data.csv\n  test: test.csv") + GRID;
    Files.writeString(dir.resolve("test.csv"), CliFixture.csv(80, 2));
    assertThat(train(config).exitCode()).isZero();
    Map<String, Object> tuning = json(out().resolve("tuning.json"));
    Object test = json(out().resolve("metrics.json")).get("test");
    Files.move(out(), dir.resolve("first"));
    Files.writeString(dir.resolve("test.csv"), CliFixture.csv(80, 3).replace(",yes,", ",tmp,").replace(",no,", ",yes,")
        .replace(",tmp,", ",no,"));
    assertThat(train(config).exitCode()).isZero();
    Map<String, Object> again = json(out().resolve("tuning.json"));
    assertThat(json(out().resolve("metrics.json")).get("test")).isNotEqualTo(test);
    assertThat(trials(again, 0).stream().map(t -> t.get("validationScore")).toList())
        .isEqualTo(trials(tuning, 0).stream().map(t -> t.get("validationScore")).toList());
    assertThat(bestTrial(again)).isEqualTo(bestTrial(tuning));
  }

  @SuppressWarnings("unchecked")
  private static Object bestTrial(Map<String, Object> tuning) {
    return ((List<Map<String, Object>>) tuning.get("searches")).get(0).get("bestTrial");
  }

  @Test
  void deltaMIsMeasuredAgainstTheUntunedConfig() throws IOException {
    String deltaM = "tune:\n  metric: deltaM\n  space:\n    optimizer.options.learningRate: [0.01, 0.05]\n";
    CliRunner.Result r = train(CliFixture.CONFIG + deltaM);
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<Map<String, Object>> trials = trials(json(out().resolve("tuning.json")), 0);
    // Trial 1 is the config's own learning rate: against itself its Δm% is exactly 0.
    assertThat(trials.get(0).get("validationScore")).isEqualTo(0.0);
    assertThat(((Number) trials.get(1).get("validationScore")).doubleValue()).isNotZero();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      first/rmse | tune.metric = 'first/rmse': no validation metric 'rmse' for task 'first'; metrics: [auc, logloss]
      third/auc  | tune.metric = 'third/auc': no task 'third'; tasks: [first, second]
      accuracy   | tune.metric = 'accuracy': no validation metric 'accuracy'
      """)
  void aMetricTheValidationRowsDoNotHaveIsExit2BeforeAnyTraining(String metric, String message) throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG + GRID.replace("first/auc", metric));
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains(message);
    assertThat(out()).doesNotExist();
  }

  @Test
  void aDivergingTrialIsRecordedAndRankedLastWithoutStoppingTheSearch() throws IOException {
    String tune = "tune:\n  space:\n    optimizer.options.learningRate: [1.0e30, 0.01]\n";
    CliRunner.Result r = train(CliFixture.CONFIG + tune);
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, Object> tuning = json(out().resolve("tuning.json"));
    List<Map<String, Object>> trials = trials(tuning, 0);
    assertThat(trials.get(0)).containsEntry("validationScore", null).containsKey("diverged");
    assertThat(trials.get(1)).doesNotContainKey("diverged");
    assertThat(bestTrial(tuning)).isEqualTo(2);
  }

  @Test
  void tuningNeedsValidationRows() throws IOException {
    CliRunner.Result r = train(CliFixture.CONFIG.replace("valid: 0.2, test: 0.2", "valid: 0, test: 0.2") + GRID);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    assertThat(r.err()).contains("tune chooses on validation rows");
    assertThat(out()).doesNotExist();
  }
}
