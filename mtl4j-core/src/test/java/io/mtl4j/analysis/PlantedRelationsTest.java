package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.PlantedTasks;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Acceptance on planted structure ({@link PlantedTasks}: clusters a1–a3 and b1–b3, p = relu(s), q = relu(−s)). The
 * model's shared layer is narrow (3 units) and its heads linear, so the eight tasks compete for it: the label and
 * gradient measures flag p–q and rank the clusters' pairs above the other pairs, and the recommended
 * groups beat one model for all tasks, predicted and on held-out rows.
 *
 * <p>Pairwise transfer does not flag p–q on every seed, and no test claims it: a model of p and q alone has its three
 * shared units for the two of them, enough for relu(s) and relu(−s) side by side, so the pair conflicts only when it
 * shares the layer with the other six tasks, as in the probed model. A pair measure cannot see such a higher-order
 * effect, as Standley et al. (ICML 2020) note of their pairwise estimates. It flags p–q on seeds 1 and 3, not on 2.
 */
class PlantedRelationsTest {
  private static final List<Task> TASKS = PlantedTasks.TASKS.stream().map(n -> Task.of(n, TaskType.regression(), "rmse")).toList();
  private static final ModelSpec SPEC = new ModelSpec(10, TASKS, new SharedBottom.Options(32, 3), new Head.Options());
  private static final List<String> CLUSTER_MEASURES = List.of("pearson", "spearman", "mutualInformation", "cramersV",
      "gradientCosine", "affinity");
  private static final Map<Long, Planted> RUNS = new ConcurrentHashMap<>();

  /** One probed run and one pairwise transfer (two seeds) per seed, shared by the tests below. */
  record Planted(Relatedness relatedness, PairwiseTransfer transfer, SubsetTraining runs) {}

  static Planted relate(long seed) {
    return RUNS.computeIfAbsent(seed, s -> {
      Dataset all = PlantedTasks.generate(new PlantedTasks.Options(3000, 10, 0.3, 0.1), s);
      Dataset train = all.select(IntStream.range(0, 2000).toArray());
      TrainingConfig config = TrainingConfig.builder().epochs(10).batchSize(64).seed(s).learningRate(0.01)
          .patience(0).threads(1).build();
      Relatedness r = Relatedness.measure(MultiTaskModel.create(SPEC, s), train, null, config,
          new GradientProbe.Options(10, 256, 0, s), 4);
      SubsetTraining runs = new SubsetTraining(SPEC, train, all.select(IntStream.range(2000, 2500).toArray()),
          all.select(IntStream.range(2500, 3000).toArray()), config, MultiTaskModel::create);
      PairwiseTransfer transfer = PairwiseTransfer.measure(runs, List.of(s, s + 100));
      return new Planted(r.with(transfer.gain()), transfer, runs);
    });
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyMeasureRanksEveryClusterPairAboveEveryUnrelatedPair(long seed) {
    Relatedness r = relate(seed).relatedness();
    for (String measure : CLUSTER_MEASURES) {
      double[][] s = r.measures().get(measure).symmetrised();
      List<String> names = r.measures().get(measure).tasks();
      double weakestInside = Double.POSITIVE_INFINITY, strongestAcross = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          int ci = cluster(names.get(i)), cj = cluster(names.get(j));
          if (ci >= 0 && ci == cj) weakestInside = Math.min(weakestInside, s[i][j]);
          else if (!(ci < 0 && cj < 0)) strongestAcross = Math.max(strongestAcross, s[i][j]);
        }
      }
      assertThat(weakestInside).as(measure + ", seed " + seed).isGreaterThan(strongestAcross);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theLabelAndGradientMeasuresFlagTheOpposedPair(long seed) {
    Relatedness r = relate(seed).relatedness();
    for (String measure : List.of("pearson", "spearman")) {
      assertThat(Relatedness.negativePairs(r.measures().get(measure), -0.3)).as(measure)
          .containsExactly(PlantedTasks.ANTICORRELATED);
    }
    for (String measure : List.of("gradientCosine", "affinity")) {
      assertThat(Relatedness.negativePairs(r.measures().get(measure), 0)).as(measure + ", seed " + seed)
          .contains(PlantedTasks.ANTICORRELATED);
    }
  }

  /**
   * Pairwise transfer is not a clean ranking here: any two tasks sharing three units lose against a model each, so
   * most pairs lose and the gains are noisy. It still orders pairs as the gradient measures do, if only loosely.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void pairwiseTransferOrdersPairsAsTheGradientMeasuresDo(long seed) {
    Map<String, Double> agreement = relate(seed).relatedness().agreement();
    assertThat(agreement.get("gradientCosine ~ transferGain")).isPositive();
    assertThat(agreement.get("affinity ~ transferGain")).isPositive();
    assertThat(relate(seed).transfer().spread().get(6, 7)).as("spread over two seeds").isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theGroupingPredictsMoreAffinityThanOneModelForAllTasks(long seed) {
    Relatedness r = relate(seed).relatedness();
    assertThat(r.grouping().score()).isGreaterThan(r.allInOne());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void groupsByAnotherMeasureOnRequest(long seed) {
    Relatedness byAffinity = relate(seed).relatedness();
    Relatedness r = byAffinity.groupedBy(PairwiseTransfer.MEASURE, 4);
    assertThat(r.groupedBy()).isEqualTo(PairwiseTransfer.MEASURE);
    assertThat(byAffinity.groupedBy()).isEqualTo("affinity");
    double[][] gain = r.measures().get(PairwiseTransfer.MEASURE).values();
    assertThat(r.grouping().score()).isEqualTo(TaskGrouping.choose(gain, 4).score())
        .isGreaterThanOrEqualTo(r.allInOne());
    assertThat(r.allInOne()).isEqualTo(TaskGrouping.allInOne(gain));
    assertThat(r.measures()).isSameAs(byAffinity.measures());
    assertThatThrownBy(() -> byAffinity.groupedBy("pearsn", 4)).hasMessageStartingWith("no measure 'pearsn' to group by");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void measuresOfTheSameKindAgreeInRank(long seed) {
    Map<String, Double> agreement = relate(seed).relatedness().agreement();
    assertThat(agreement.get("gradientCosine ~ affinity")).isGreaterThan(0.5);
    assertThat(agreement.get("mutualInformation ~ cramersV")).isGreaterThan(0.5);
    assertThat(agreement.get("pearson ~ spearman")).isGreaterThan(0.9);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void theRecommendedGroupsBeatOneModelForAllTasksOnHeldOutRows(long seed) {
    Planted p = relate(seed);
    GroupComparison c = GroupComparison.compare(p.runs(), p.relatedness().grouping().groups(), List.of(seed, seed + 100));
    assertThat(c.schemes().get(GroupComparison.GROUPED).meanGain()).as("seed " + seed)
        .isGreaterThan(c.schemes().get(GroupComparison.ALL_IN_ONE).meanGain());
    assertThat(c.schemes().get(GroupComparison.SINGLE).meanGain()).isZero();
    for (int j = 0; j < c.tasks().size(); j++) {
      assertThat(c.groups().get(c.servedBy()[j])).as(c.tasks().get(j) + " is served by a group holding it").contains(j);
    }
  }

  /** The planted cluster of a task, −1 for p and q. */
  private static int cluster(String task) {
    for (int c = 0; c < PlantedTasks.CLUSTERS.size(); c++) if (PlantedTasks.CLUSTERS.get(c).contains(task)) return c;
    return -1;
  }
}
