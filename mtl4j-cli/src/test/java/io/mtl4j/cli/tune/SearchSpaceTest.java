package io.mtl4j.cli.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.cli.config.RunConfig;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tune.space}: which keys may be tuned, the grid's enumeration and random search's seeded, bounded draws. */
class SearchSpaceTest {
  private static Map<String, Object> space(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return m;
  }

  private static TuneSettings settings(String method, Integer budget, Long seed, Map<String, Object> space) {
    return TuneSettings.of(new RunConfig.Tune(method, budget, null, seed, space));
  }

  @ParameterizedTest(name = "lists of {0}, {1} and {2} values")
  @CsvSource({"1, 1, 1", "2, 3, 1", "3, 2, 4", "5, 1, 2"})
  void gridEnumeratesEveryCombinationOnceFirstKeySlowest(int a, int b, int c) {
    Map<String, Object> space = space("optimizer.options.learningRate", values(a), "architecture.options.experts",
        values(b), "training.batchSize", values(c));
    List<Map<String, Object>> trials = settings("grid", null, null, space).trials();
    assertThat(trials).hasSize(a * b * c);
    assertThat(new HashSet<>(trials)).hasSize(a * b * c);
    assertThat(trials.get(0).keySet()).containsExactly("optimizer.options.learningRate", "architecture.options.experts",
        "training.batchSize");
    // The first key changes only after the others went through all their combinations.
    for (int i = 0; i < trials.size(); i++) {
      assertThat(trials.get(i).get("optimizer.options.learningRate")).isEqualTo(i / (b * c));
      assertThat(trials.get(i).get("training.batchSize")).isEqualTo(i % c);
    }
  }

  private static List<Object> values(int n) {
    return java.util.stream.IntStream.range(0, n).boxed().map(i -> (Object) i).toList();
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 99})
  void randomDrawsAreSeededBoundedAndInRange(long seed) {
    Map<String, Object> space = space("optimizer.options.learningRate", Map.of("min", 1e-4, "max", 1e-1, "log", true),
        "training.batchSize", Map.of("min", 16, "max", 256), "architecture.options.experts", List.of(2, 4, 8));
    List<Map<String, Object>> trials = settings("random", 7, seed, space).trials();
    assertThat(trials).hasSize(7).isEqualTo(settings("random", 7, seed, space).trials());
    assertThat(trials).isNotEqualTo(settings("random", 7, seed + 1, space).trials());
    for (Map<String, Object> t : trials) {
      assertThat((Double) t.get("optimizer.options.learningRate")).isBetween(1e-4, 1e-1);
      assertThat((Long) t.get("training.batchSize")).isBetween(16L, 256L);
      assertThat(t.get("architecture.options.experts")).isIn(2, 4, 8);
    }
  }

  @Test
  void logRangesSpreadDrawsOverDecades() {
    Map<String, Object> space = space("optimizer.options.learningRate", Map.of("min", 1e-5, "max", 1e-1, "log", true));
    List<Map<String, Object>> trials = settings("random", 400, 3L, space).trials();
    long belowMilli = trials.stream().filter(t -> (Double) t.get("optimizer.options.learningRate") < 1e-3).count();
    // Log-uniform over four decades puts half the draws below 1e-3; uniform would put 1%. 400 draws: ±5 sd is ±50.
    assertThat(belowMilli).isBetween(150L, 250L);
  }

  @Test
  void randomOverListsDrawsDistinctCombinationsNoMoreThanTheGridHolds() {
    Map<String, Object> space = space("training.batchSize", List.of(16, 32), "architecture.options.experts", List.of(2, 4, 8));
    List<Map<String, Object>> trials = settings("random", 50, 5L, space).trials();
    assertThat(trials).hasSize(6).doesNotHaveDuplicates();
    assertThat(settings("random", 4, 5L, space).trials()).hasSize(4).doesNotHaveDuplicates();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"data.split.valid", "features.scaling", "tasks", "training", "training.seed"})
  void refusesKeysThatAreNotTrainingSettingsNamingThem(String key) {
    assertThatThrownBy(() -> settings("grid", null, null, space(key, List.of(1, 2))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tune.space." + key);
  }

  @Test
  void aGridTakesListsNotRanges() {
    assertThatThrownBy(() -> settings("grid", null, null, space("training.epochs", Map.of("min", 1, "max", 5))))
        .hasMessageContaining("range needs tune.method random");
  }

  @Test
  void aGridLargerThanTheBudgetIsRefusedNotCut() {
    Map<String, Object> space = space("training.batchSize", List.of(16, 32, 64), "training.epochs", List.of(1, 2));
    assertThat(settings("grid", 6, null, space).budget()).isEqualTo(6);
    assertThatThrownBy(() -> settings("grid", 5, null, space)).hasMessageContaining("grid has 6 combinations")
        .hasMessageContaining("tune.budget = 5");
  }

  @ParameterizedTest(name = "budget {0}")
  @ValueSource(ints = {0, -1, TuneSettings.MAX_BUDGET + 1})
  void theBudgetIsBounded(int budget) {
    assertThatThrownBy(() -> settings("random", budget, null, space("training.epochs", List.of(1, 2))))
        .hasMessageContaining("tune.budget = " + budget + ", expected 1 to " + TuneSettings.MAX_BUDGET);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {min: 1}                 | a range needs numbers min and max
      {min: 2, max: 1}         | expected min < max
      {min: 0, max: 1, log: 1} | .log = 1, expected true or false
      {min: 0, max: 1, log: true} | min > 0 (log scale)
      {min: 0, max: 1, step: 1}   | unknown range key 'step'
      """)
  void refusesMalformedRanges(String range, String message) {
    Map<String, Object> m = new tools.jackson.dataformat.yaml.YAMLMapper().readValue(range, Map.class);
    assertThatThrownBy(() -> settings("random", 3, null, space("training.epochs", m))).hasMessageContaining(message);
  }
}
