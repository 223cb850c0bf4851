package io.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;

// The README's imports, as written there:
import io.mtl4j.arch.*;
import io.mtl4j.config.Registry;
import io.mtl4j.data.Dataset;
import io.mtl4j.io.ModelFile;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.optim.Adam;
import io.mtl4j.task.*;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.*;
import io.mtl4j.weighting.*;
import java.nio.file.Path;
import java.util.*;
// This test's own:
import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Java API" example, verbatim between the markers, run on tiny data; and checks that the README still
 * shows exactly this code and the builder's defaults.
 */
class ReadmeTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path THIS_FILE = Path.of("src", "test", "java", "io", "mtl4j", "ReadmeTest.java");

  @Test
  void theJavaApiExampleRunsOnTinyData(@TempDir Path outputDir) {
    int rows = 300, columns = 4;
    SplittableRandom random = new SplittableRandom(7);
    float[] features = new float[rows * columns], clicks = new float[rows], spend = new float[rows];
    float[] spendKnown = new float[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) features[i * columns + j] = (float) random.nextGaussian();
      clicks[i] = features[i * columns] > 0 ? 1 : 0;
      spend[i] = features[i * columns + 1] + features[i * columns + 2];
      spendKnown[i] = i % 4 == 0 ? 0 : 1;
    }
    Dataset valid = Dataset.builder(Tensor.of(features, rows, columns)).task("click", Tensor.of(clicks, rows))
        .task("spend", Tensor.of(spend, rows)).build();
    Dataset testData = valid;
    Tensor newFeatures = Tensor.of(features, rows, columns);

    // ---- README begin ----
    Dataset train = Dataset.builder(Tensor.of(features, rows, columns))     // float[] row-major [rows, columns]
        .task("click", Tensor.of(clicks, rows))                             // binary labels 0/1
        .task("spend", Tensor.of(spend, rows), Tensor.of(spendKnown, rows)) // 1 = label present, 0 = missing
        .build();

    ModelSpec spec = new ModelSpec(columns,
        List.of(Task.of("click", TaskType.binary(), "auc"), Task.of("spend", TaskType.regression(), "rmse")),
        new MMoE.Options(8, 16),              // 8 experts of 16 units (or SharedBottom.Options, SingleTask.Options)
        new Head.Options(8));                 // one tower of 8 units per task
    MultiTaskModel model = MultiTaskModel.create(spec, 42);

    TrainingConfig config = TrainingConfig.builder()
        .epochs(50).batchSize(256).threads(4).seed(1)             // bit-identical results for a seed and thread count
        .optimizer(new Adam.Options(1e-3, 0.9, 0.999, 1e-8, 0))   // or .optimizer("adam", Map.of("learningRate", 1e-3))
        .weighting(PCGrad::new)                                   // or .weighting("pcgrad"): a fresh one for each run
        .patience(5)                                              // early stopping on the mean validation metric
        .build();
    TrainingResult result = new Trainer(config).fit(model, train, valid);   // best epoch's weights restored

    Evaluation test = ModelEvaluator.evaluate(model, testData);
    double auc = test.value("click", "auc");
    Map<String, Tensor> predictions = model.predict(newFeatures, 4096);    // probabilities / values per task
    ModelFile.save(outputDir.resolve("model.mtl4j"), model);                 // ModelFile.load(path).model() reads it back

    // A weighting of your own is one class: here, one task's loss counts half.
    record HalfWeight(int task) implements Weighting {
      public Requirements requirements() { return Requirements.LOSSES; } // back-propagate Σ scale_t · loss_t
      public StepWeights combine(WeightingContext ctx) {
        double[] scale = new double[ctx.taskCount()];
        Arrays.fill(scale, 1.0);
        scale[task] = 0.5;
        return StepWeights.of(scale);
      }
    }
    TrainingConfig mine = config.toBuilder().weighting(() -> new HalfWeight(1)).build();

    // Or by name with options, as YAML configs give them: register it in a registry of your own (an immutable value).
    Registry<Weighting> weightings = Weightings.defaults()
        .with("half-weight", o -> new HalfWeight(o.integer("task", 0)));  // o reads the options, key by key
    TrainingConfig named = config.toBuilder().weightings(weightings)
        .weighting("half-weight", Map.of("task", 1)).build();             // unknown keys or bad values fail here
    new Trainer(named).fit(MultiTaskModel.create(spec, 42), train, valid);
    // ---- README end ----

    assertThat(result.epochs()).isNotEmpty();
    assertThat(auc).isBetween(0.0, 1.0);
    assertThat(predictions).containsOnlyKeys("click", "spend");
    assertThat(ModelFile.load(outputDir.resolve("model.mtl4j")).model().predict(newFeatures, 4096).get("click").toArray())
        .containsExactly(predictions.get("click").toArray());
    assertThat(config.toMap()).containsEntry("optimizer", "adam").containsEntry("weighting", "PCGrad");
    assertThat(mine.toMap()).containsEntry("weighting", "HalfWeight");
    assertThat(named.toMap()).containsEntry("weighting", "half-weight");
  }

  @Test
  void theReadmeShowsThisTestsExampleLineByLine() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("```java\n", readme.indexOf("## Java API")) + "```java\n".length();
    List<String> example = readme.substring(start, readme.indexOf("```", start)).lines()
        .filter(line -> !line.isBlank()).toList();
    assertThat(example).as("the README's Java API example").isNotEmpty();
    List<String> source = Files.readAllLines(THIS_FILE);
    int at = 0;
    for (String line : example) {
      int found = -1;
      for (int i = at; i < source.size() && found < 0; i++) if (source.get(i).strip().equals(line.strip())) found = i;
      assertThat(found).as("README line missing from %s (or out of order): %s", THIS_FILE, line).isNotNegative();
      at = found + 1;
    }
  }

  @Test
  void theReadmesDefaultsTableIsTheBuildersDefaults() throws IOException {
    String readme = Files.readString(README);
    Map<String, Object> defaults = TrainingConfig.defaults().toMap();
    for (String key : List.of("epochs", "batchSize", "threads", "seed", "patience", "gradClipNorm")) {
      String row = readme.lines().filter(l -> l.startsWith("| `" + key + "` |")).findFirst().orElseThrow(
          () -> new AssertionError("README's defaults table has no row for " + key));
      double documented = Double.parseDouble(row.split("\\|")[2].strip());
      assertThat(documented).as("README default of " + key).isEqualTo(((Number) defaults.get(key)).doubleValue());
    }
    assertThat(readme).contains("| optimizer | " + defaults.get("optimizer") + " |")
        .contains("| weighting | " + defaults.get("weighting") + " |")
        .contains("| `sampling` | " + defaults.get("sampling") + " |");
  }
}
