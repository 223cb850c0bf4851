package io.mtl4j.cli.run;

import io.mtl4j.cli.CliFixture;
import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.cli.config.ConfigLoader;
import io.mtl4j.cli.config.RunConfig;
import io.mtl4j.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** How a YAML config's training keys become a {@link TrainingConfig}: over the API's defaults, key by key. */
class ExperimentTrainingTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path dir;

  private RunConfig yaml(String text) throws IOException {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "data: {train: t.csv}\ntasks:\n  - {name: y, type: binary, column: y}\n" + text);
    return ConfigLoader.load(file);
  }

  @Test
  void aConfigWithoutTrainingKeysGetsTheJavaApisDefaults() throws IOException {
    TrainingConfig api = TrainingConfig.builder().build();
    RunConfig empty = yaml("");
    TrainingConfig cli = Experiment.training(empty, Experiment.seedOf(empty), null);
    assertThat(cli.toMap()).isEqualTo(api.toMap());
  }

  @Test
  void eachKeyAConfigSetsReplacesOnlyThatDefault() throws IOException {
    RunConfig c = yaml("optimizer: {name: sgd}\nweighting: {name: dwa, options: {temperature: 3}}\n"
        + "training: {epochs: 7, threads: 0, patience: 0}\n");
    TrainingConfig t = Experiment.training(c, 5, null);
    TrainingConfig expected = TrainingConfig.builder().epochs(7).patience(0).seed(5)
        .threads(Runtime.getRuntime().availableProcessors()).optimizer("sgd", java.util.Map.of())
        .weighting("dwa", java.util.Map.of("temperature", 3)).build();
    assertThat(t.toMap()).isEqualTo(expected.toMap());
    assertThat(t.batchSize()).isEqualTo(TrainingConfig.defaults().batchSize());
  }

  /** The deep-learning configs under examples/ (part of the repository, next to this module). */
  static Stream<Path> deepExamples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream()
          .filter(p -> ConfigLoader.load(p).classical() == null);
    }
  }

  @ParameterizedTest
  @MethodSource("deepExamples")
  void everyExampleSetsTheSettingsWhoseDefaultsDiffer(Path example) {
    RunConfig.Training t = ConfigLoader.load(example).training();
    assertThat(t).as(example + ": training section").isNotNull();
    assertThat(new Object[] {t.epochs(), t.batchSize(), t.threads(), t.patience(), t.seed()})
        .as(example + ": epochs, batchSize, threads, patience and seed are explicit").doesNotContainNull();
    RunConfig.Named o = ConfigLoader.load(example).optimizer();
    assertThat(o != null && o.options() != null && o.options().containsKey("learningRate"))
        .as(example + ": the learning rate is explicit").isTrue();
  }
}
