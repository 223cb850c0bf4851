package io.mtl4j.cli.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.AdversarialSharedPrivate;
import io.mtl4j.data.Dataset;
import io.mtl4j.encode.DenseEncoder;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared-vs-single table behind `study fdu-mtl` and `study newsgroups`. */
class SharedVsSingleTest {
  @Test
  void tableAveragesEachModelOverSeedsPerTaskAndGivesTheGain() {
    List<SharedVsSingle.Run> runs = List.of(
        new SharedVsSingle.Run("single-task", 1, new double[] {0.80, 0.60}, 1),
        new SharedVsSingle.Run("shared-mtl", 1, new double[] {0.90, 0.70}, 1),
        new SharedVsSingle.Run("single-task", 2, new double[] {0.70, 0.60}, 1),
        new SharedVsSingle.Run("shared-mtl", 2, new double[] {0.80, 0.50}, 1));
    String table = SharedVsSingle.table(runs, List.of("a", "b"), "domain");
    // a: single (80 + 70) / 2 = 75, shared (90 + 80) / 2 = 85; b: 60 and 60; averages 67.5 and 72.5.
    assertThat(table.lines().toList()).containsExactly(
        "| domain | single-task | shared-mtl | gain |",
        "| --- | ---: | ---: | ---: |",
        "| a | 75.00 | 85.00 | +10.00 |",
        "| b | 60.00 | 60.00 | +0.00 |",
        "| **average** | 67.50 | 72.50 | +5.00 |");
  }

  @Test
  void tableGivesEachMultiTaskModelItsColumnAndGainInRunOrder() {
    List<SharedVsSingle.Run> runs = List.of(
        new SharedVsSingle.Run("single-task", 1, new double[] {0.80}, 1),
        new SharedVsSingle.Run("asp", 1, new double[] {0.90}, 1),
        new SharedVsSingle.Run("sb", 1, new double[] {0.70}, 1));
    assertThat(SharedVsSingle.table(runs, List.of("a"), "task").lines().toList()).containsExactly(
        "| task | single-task | asp | gain | sb | gain |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        "| a | 80.00 | 90.00 | +10.00 | 70.00 | -10.00 |",
        "| **average** | 80.00 | 90.00 | +10.00 | 70.00 | -10.00 |");
  }

  @Test
  void withoutSingleTaskRunsTheFirstModelIsTheBaseline() {
    List<SharedVsSingle.Run> runs = List.of(
        new SharedVsSingle.Run("sb", 1, new double[] {0.80}, 1),
        new SharedVsSingle.Run("asp", 1, new double[] {0.85}, 1));
    assertThat(SharedVsSingle.table(runs, List.of("a"), "task").lines().toList()).containsExactly(
        "| task | sb | asp | gain |",
        "| --- | ---: | ---: | ---: |",
        "| a | 80.00 | 85.00 | +5.00 |",
        "| **average** | 80.00 | 85.00 | +5.00 |");
  }

  @Test
  void extraTasksCountInTrainingButNotInTheScores() {
    Map<String, Dataset[]> splits = new LinkedHashMap<>();
    splits.put("a", parts("a", 1, false));
    splits.put("b", parts("b", 2, false));
    Map<String, Dataset[]> extra = Map.of("a-flipped", parts("a-flipped", 1, true));
    SharedVsSingle.Variant plain = new SharedVsSingle.Variant("asp", asp(), false);
    SharedVsSingle.Variant planted = new SharedVsSingle.Variant("asp+flipped", asp(), true);
    SharedVsSingle study = new SharedVsSingle(new InputSpec(List.of(new DenseEncoder.Spec("x", 4, false))), splits,
        extra, List.of(plain, planted),
        seed -> TrainingConfig.builder().epochs(3).batchSize(16).seed(seed).patience(0).build());

    assertThat(study.trained(1, planted).tasks()).extracting(t -> t.name()).containsExactly("a", "b", "a-flipped");
    assertThat(study.trained(1, plain).tasks()).extracting(t -> t.name()).containsExactly("a", "b");
    SharedVsSingle.Run with = study.multiTask(1, planted);
    assertThat(with.model()).isEqualTo("asp+flipped");
    assertThat(with.accuracy()).as("scored on the two real tasks").hasSize(2);
    assertThat(study.multiTask(1, planted).accuracy()).as("deterministic").isEqualTo(with.accuracy());
  }

  private static AdversarialSharedPrivate.Options asp() {
    return new AdversarialSharedPrivate.Options(8, 4, 0.05, 0.01);
  }

  /** {train, dev, test} of a task whose label is the sign of x0 + x1 (flipped on request). */
  private static Dataset[] parts(String task, long seed, boolean flip) {
    Dataset[] out = new Dataset[3];
    for (int p = 0; p < 3; p++) {
      SplittableRandom r = new SplittableRandom(seed * 10 + p);
      int rows = 64;
      float[] x = new float[rows * 4], y = new float[rows];
      for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
      for (int i = 0; i < rows; i++) y[i] = (x[i * 4] + x[i * 4 + 1] > 0) != flip ? 1 : 0;
      out[p] = Dataset.builder(FeatureRows.of(Map.of("x", new DenseRows(Tensor.of(x, rows, 4)))))
          .task(task, Tensor.of(y, rows)).build();
    }
    return out;
  }
}
