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
 * Acceptance on planted structure ({@link PlantedTasks}: clusters a1–a3 and b1–b3, and the opposed pair p, q that read
 * one signal with opposite signs, a weaker one with the same sign and a private one each), over data seeds 1–8. The
 * probed model's shared layer is narrow (3 units) and its heads linear, so the eight tasks compete for it: every
 * measure flags p–q by its rule, the label and gradient measures rank the clusters' pairs above the other pairs, and
 * the recommended groups beat one model for all tasks, predicted and on held-out rows.
 *
 * <p>The pair models of pairwise transfer have 16 shared units. In 3 units any two tasks compete for capacity and even
 * a task beside a copy of itself loses ({@link SubsetTrainingTest}), so nearly every pair transferred negatively and
 * the measure said nothing about relatedness. With room, pairs inside a cluster gain on average and unrelated pairs
 * lose; p–q loses 10–24 % (seeds 1–8), as unrelated pairs do, because each of p and q learns its linear part alone and
 * the partner only adds a private signal to carry. Seeds 9–16 were measured too: every measure flags p–q on each, and
 * the mean transfer inside a cluster is below zero on seeds 10 and 14.
 */
class PlantedRelationsTest {
  private static final List<Task> TASKS = PlantedTasks.TASKS.stream().map(n -> Task.of(n, TaskType.regression(), "rmse")).toList();
  private static final ModelSpec SPEC = new ModelSpec(10, TASKS, new SharedBottom.Options(32, 3), new Head.Options());
  /** Pair models get room for two tasks: in three units any two tasks compete for capacity (SubsetTrainingTest). */
  private static final ModelSpec PAIR_SPEC = new ModelSpec(10, TASKS, new SharedBottom.Options(32, 16), new Head.Options());
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
      SubsetTraining runs = new SubsetTraining(PAIR_SPEC, train, all.select(IntStream.range(2000, 2500).toArray()),
          all.select(IntStream.range(2500, 3000).toArray()), config, MultiTaskModel::create);
      PairwiseTransfer transfer = PairwiseTransfer.measure(runs, List.of(s, s + 100));
      LearnedRelations learned = LearnedRelations.fit(train, TASKS,
          new LearnedRelations.Options(LearnedRelations.Options.DEFAULT_ROWS, s));
      return new Planted(r.with(transfer.gain()).with(learned), transfer, runs);
    });
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
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
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
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
   * Every measure with a sign flags p–q as conflicting and every unsigned one as dependent but opposed, each by its
   * documented rule ({@link PairFlags}), and none but pairwise transfer flags a pair inside a cluster. Pairwise transfer
   * from two pair seeds is noisier than that: on 6 of these 8 seeds some same-cluster pair has a mean gain below zero
   * (at worst a1–a2 on seed 6, −7.8 ± 6.1 and −9.3 ± 2.8 %), where p–q's is −10 to −24 %.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void everyMeasureFlagsTheOpposedPairByItsRuleAndNoPairInsideACluster(long seed) {
    Map<String, TaskMatrix> measures = relate(seed).relatedness().measures();
    List<PairFlags> rules = PairFlags.rules(measures.keySet());
    assertThat(rules).extracting(PairFlags::measure).containsAll(List.of("pearson", "spearman", "mutualInformation",
        "cramersV", "gradientCosine", "affinity", LearnedRelations.CORRELATION, LearnedRelations.CO_CLUSTER));
    assertThat(rules).extracting(PairFlags::measure).contains(PairwiseTransfer.MEASURE);
    for (PairFlags rule : rules) {
      List<List<String>> flagged = rule.pairs(measures);
      assertThat(flagged).as(rule.measure() + ", seed " + seed).contains(PlantedTasks.ANTICORRELATED);
      if (rule.measure().equals(PairwiseTransfer.MEASURE)) continue;
      assertThat(flagged).as(rule.measure() + ", seed " + seed)
          .noneMatch(p -> cluster(p.get(0)) >= 0 && cluster(p.get(0)) == cluster(p.get(1)));
    }

  }

  /** Pairs inside a cluster gain from training together; pairs across clusters lose (they only share capacity). */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void pairsInsideAClusterTransferBetterThanUnrelatedPairs(long seed) {
    double[][] gain = relate(seed).transfer().gain().symmetrised();
    double inside = 0, across = 0;
    int nInside = 0, nAcross = 0;
    for (int i = 0; i < gain.length; i++) {
      for (int j = i + 1; j < gain.length; j++) {
        int ci = cluster(PlantedTasks.TASKS.get(i)), cj = cluster(PlantedTasks.TASKS.get(j));
        if (ci >= 0 && ci == cj) {
          inside += gain[i][j];
          nInside++;
        } else if (ci >= 0 || cj >= 0) {
          across += gain[i][j];
          nAcross++;
        }
      }
    }
    assertThat(inside / nInside).as("seed " + seed).isPositive().isGreaterThan(across / nAcross);
    assertThat(relate(seed).transfer().spread().get(6, 7)).as("spread over two seeds").isPositive();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void theGroupingPredictsMoreAffinityThanOneModelForAllTasks(long seed) {
    Relatedness r = relate(seed).relatedness();
    assertThat(r.grouping().score()).isGreaterThan(r.allInOne());
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
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
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void measuresOfTheSameKindAgreeInRank(long seed) {
    Map<String, Double> agreement = relate(seed).relatedness().agreement();
    assertThat(agreement.get("gradientCosine ~ affinity")).isGreaterThan(0.5);
    assertThat(agreement.get("mutualInformation ~ cramersV")).isGreaterThan(0.5);
    assertThat(agreement.get("pearson ~ spearman")).isGreaterThan(0.9);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
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
