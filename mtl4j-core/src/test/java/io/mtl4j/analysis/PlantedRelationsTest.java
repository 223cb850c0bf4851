package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.demo.PlantedTasks;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance on planted structure ({@link PlantedTasks}: clusters a1–a3 and b1–b3, q ≈ −p): every measure separates
 * the planted groups, the signed label measures flag p–q as anti-correlated, and the grouping recovers the groups.
 */
class PlantedRelationsTest {
  private static final List<List<String>> GROUPS = List.of(PlantedTasks.CLUSTERS.get(0), PlantedTasks.CLUSTERS.get(1),
      PlantedTasks.ANTICORRELATED);
  private static final Map<Long, Relatedness> RUNS = new ConcurrentHashMap<>();

  /** One probed training run per seed, shared by the tests below. */
  static Relatedness relate(long seed) {
    return RUNS.computeIfAbsent(seed, s -> {
      List<Task> tasks = PlantedTasks.TASKS.stream().map(n -> Task.of(n, TaskType.regression(), "rmse")).toList();
      MultiTaskModel model = MultiTaskModel.create(new ModelSpec(10, tasks, new SharedBottom.Options(32, 16),
          new Head.Options(8)), s);
      TrainingConfig config = TrainingConfig.builder().epochs(10).batchSize(64).seed(s).learningRate(0.01)
          .patience(0).threads(1).build();
      return Relatedness.measure(model, PlantedTasks.generate(PlantedTasks.Options.defaults(), s), null, config,
          new GradientProbe.Options(10, 256, 0, s), 3);
    });
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyMeasureRanksEveryPlantedPairAboveEveryUnrelatedPair(long seed) {
    Relatedness r = relate(seed);
    for (String measure : List.of("pearson", "spearman", "mutualInformation", "cramersV", "gradientCosine", "affinity")) {
      double[][] s = r.measures().get(measure).symmetrised();
      List<String> names = r.measures().get(measure).tasks();
      double weakestInside = Double.POSITIVE_INFINITY, strongestAcross = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          boolean together = group(names.get(i)) == group(names.get(j));
          // A signed label measure sees the anti-correlated pair by its magnitude; flagging it is the next test's.
          double v = Relatedness.SIGNED.contains(measure) && together && group(names.get(i)) == 2 ? Math.abs(s[i][j]) : s[i][j];
          if (together) weakestInside = Math.min(weakestInside, v);
          else strongestAcross = Math.max(strongestAcross, Math.abs(v));
        }
      }
      assertThat(weakestInside).as(measure + ", seed " + seed).isGreaterThan(strongestAcross);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void signedLabelMeasuresFlagTheAnticorrelatedPairAlone(long seed) {
    Relatedness r = relate(seed);
    for (String measure : List.of("pearson", "spearman")) {
      assertThat(Relatedness.negativePairs(r.measures().get(measure), -0.5)).as(measure)
          .containsExactly(PlantedTasks.ANTICORRELATED);
    }
  }

  /**
   * Separate heads absorb the sign: once q's head is the negative of p's, their gradients on the shared layers point
   * the same way, so the gradient measures find p and q helpful to each other rather than conflicting.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gradientMeasuresFindTheAnticorrelatedPairHelpfulThroughSignFlippingHeads(long seed) {
    Relatedness r = relate(seed);
    for (String measure : List.of("gradientCosine", "affinity")) {
      assertThat(r.measures().get(measure).symmetrised()[6][7]).as(measure).isPositive();
      assertThat(Relatedness.negativePairs(r.measures().get(measure), 0)).as(measure)
          .doesNotContain(PlantedTasks.ANTICORRELATED);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void groupingByAffinityRecoversThePlantedGroupsAndBeatsOneModel(long seed) {
    Relatedness r = relate(seed);
    List<List<String>> groups = new ArrayList<>(r.groupNames());
    assertThat(groups).containsExactlyInAnyOrderElementsOf(GROUPS);
    assertThat(r.grouping().score()).isGreaterThan(r.allInOne());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void measuresOfTheSameKindAgreeInRank(long seed) {
    Map<String, Double> agreement = relate(seed).agreement();
    assertThat(agreement.get("gradientCosine ~ affinity")).isGreaterThan(0.5);
    assertThat(agreement.get("mutualInformation ~ cramersV")).isGreaterThan(0.5);
    assertThat(agreement.get("pearson ~ spearman")).isGreaterThan(0.9);
  }

  private static int group(String task) {
    for (int g = 0; g < GROUPS.size(); g++) if (GROUPS.get(g).contains(task)) return g;
    throw new IllegalArgumentException(task);
  }
}
