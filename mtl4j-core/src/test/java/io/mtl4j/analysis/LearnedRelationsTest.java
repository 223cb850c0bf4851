package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.data.Dataset;
import io.mtl4j.data.demo.PlantedTasks;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MTRL's correlation and clustered MTL's clusters on {@link PlantedTasks}: clusters a1–a3 and b1–b3 read one signal
 * each; p and q read a third with opposite signs, a weaker fourth with the same sign and a private one each. The pair
 * is opposed in W (its columns' cosine is about −0.7 before MTRL's shrinkage), and the clusters are two directions of
 * W shared by three tasks each.
 */
class LearnedRelationsTest {
  private static final List<Task> TASKS = PlantedTasks.TASKS.stream().map(n -> Task.of(n, TaskType.regression(), "rmse")).toList();

  private static LearnedRelations planted(long seed) {
    return LearnedRelations.fit(PlantedTasks.generate(PlantedTasks.Options.defaults(), seed), TASKS,
        new LearnedRelations.Options(LearnedRelations.Options.DEFAULT_ROWS, seed));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void mtrlCorrelationSeparatesTheClustersAndFlagsTheOpposedPair(long seed) {
    LearnedRelations r = planted(seed);
    assertThat(r.fitted()).as(r.skipped()).isTrue();
    assertThat(r.excluded()).isEmpty();
    TaskMatrix c = r.correlation();
    double weakestInside = Double.POSITIVE_INFINITY, strongestAcross = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < c.size(); i++) {
      for (int j = i + 1; j < c.size(); j++) {
        int ci = cluster(c.tasks().get(i)), cj = cluster(c.tasks().get(j));
        if (ci >= 0 && ci == cj) weakestInside = Math.min(weakestInside, c.get(i, j));
        else if (!(ci < 0 && cj < 0)) strongestAcross = Math.max(strongestAcross, Math.abs(c.get(i, j)));
      }
    }
    assertThat(weakestInside).as("seed " + seed + ", across " + strongestAcross).isGreaterThan(0.5).isGreaterThan(strongestAcross + 0.3);
    assertThat(Relatedness.negativePairs(c, -0.3)).containsExactly(PlantedTasks.ANTICORRELATED);
    assertThat(c.get("p", "q")).as("−0.35 to −0.48 on seeds 1–4").isLessThan(-0.33);
    assertThat(c.counts()[0][1]).as("all 2000 rows sampled, all labelled").isEqualTo(2000);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void clusteredMtlRecoversTheClustersAndKeepsTheOpposedPairApart(long seed) {
    LearnedRelations r = planted(seed);
    assertThat(r.k()).as("eigen-gap: the two clusters' blocks, and the pair's opposed block (eigenvalues 1 ± |ρ|, "
        + "|ρ| ≈ 0.4) on either side of the widest gap").isBetween(2, 3);
    assertThat(r.clusters()).contains(PlantedTasks.CLUSTERS.get(0), PlantedTasks.CLUSTERS.get(1))
        .noneMatch(g -> g.contains("p") && g.contains("q"));
    assertThat(r.coCluster().get("a1", "a2")).isGreaterThan(0.9);
    assertThat(r.coCluster().get("p", "q")).isLessThan(-0.5);
    assertThat(Math.abs(r.coCluster().get("a1", "b1"))).isLessThan(0.5);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2})
  void leavesOutTasksOfOtherTypesAndTasksALinearModelCannotPredict(long seed) {
    Dataset d = PlantedTasks.generate(PlantedTasks.Options.defaults(), seed);
    SplittableRandom random = new SplittableRandom(seed);
    float[] noise = new float[d.rows()], classes = new float[d.rows()], ones = new float[d.rows()];
    for (int i = 0; i < d.rows(); i++) {
      noise[i] = (float) random.nextGaussian();
      classes[i] = random.nextInt(3);
      ones[i] = 1;
    }
    d = d.withTask("noise", Tensor.of(noise, d.rows()), Tensor.of(ones, d.rows()))
        .withTask("kind", Tensor.of(classes, d.rows()), Tensor.of(ones, d.rows()));
    List<Task> tasks = new ArrayList<>(TASKS);
    tasks.add(Task.of("noise", TaskType.regression(), "rmse"));
    tasks.add(Task.of("kind", TaskType.multiclass(3), "accuracy"));
    LearnedRelations r = LearnedRelations.fit(d, tasks, new LearnedRelations.Options(1000, seed));
    assertThat(r.excluded()).containsOnlyKeys("noise", "kind");
    assertThat(r.excluded().get("noise")).contains("linear validation R²").contains("below 0.05");
    assertThat(r.excluded().get("kind")).startsWith("multiclass task");
    assertThat(r.validation()).containsKey("noise").doesNotContainKey("kind");
    assertThat(r.correlation().get("noise", "a1")).isNaN();
    assertThat(r.correlation().get("a1", "a2")).isGreaterThan(0.5);
    assertThat(r.clusters()).noneMatch(g -> g.contains("noise") || g.contains("kind"));
    assertThat(r.correlation().counts()[0][1]).as("a bounded sample").isEqualTo(1000);
  }

  @Test
  void skipsWithTheReasonWhenFewerThanTwoTasksFit() {
    Dataset d = PlantedTasks.generate(PlantedTasks.Options.defaults(), 5);
    SplittableRandom random = new SplittableRandom(5);
    float[] noise = new float[d.rows()], ones = new float[d.rows()];
    for (int i = 0; i < d.rows(); i++) {
      noise[i] = (float) random.nextGaussian();
      ones[i] = 1;
    }
    d = d.withTask("noise", Tensor.of(noise, d.rows()), Tensor.of(ones, d.rows()));
    LearnedRelations r = LearnedRelations.fit(d, List.of(TASKS.get(0), Task.of("noise", TaskType.regression(), "rmse")),
        new LearnedRelations.Options(500, 5));
    assertThat(r.fitted()).isFalse();
    assertThat(r.skipped()).isEqualTo("a linear model predicts fewer than two tasks on the validation carve");
    assertThat(r.correlation()).isNull();
    assertThat(r.clusters()).isEmpty();
    assertThat(r.excluded()).containsOnlyKeys("noise");
  }

  @Test
  void skipsFeatureMatricesTooWideForTheDenseFits() {
    Dataset d = PlantedTasks.generate(new PlantedTasks.Options(200, LearnedRelations.MAX_FEATURES + 1, 0.3, 0.1), 1);
    LearnedRelations r = LearnedRelations.fit(d, TASKS, new LearnedRelations.Options(100, 1));
    assertThat(r.fitted()).isFalse();
    assertThat(r.skipped()).startsWith("1001 dense encoded features: the linear fits take 1 to 1000");
  }

  @Test
  void rejectsASampleTooSmallToValidate() {
    assertThatThrownBy(() -> new LearnedRelations.Options(19, 1)).hasMessage("rows = 19: expected at least 20 rows");
  }

  @Test
  void eigenGapCountsTheBlocksOfACorrelationMatrix() {
    double[] c = new double[25];
    int[] block = {0, 0, 1, 1, 2};
    for (int s = 0; s < 5; s++) for (int t = 0; t < 5; t++) c[s * 5 + t] = block[s] == block[t] ? 1 : 0.05;
    assertThat(LearnedRelations.eigenGap(c, 5)).isEqualTo(3);
    double[] flat = new double[25];
    for (int s = 0; s < 5; s++) flat[s * 5 + s] = 1;
    assertThat(LearnedRelations.eigenGap(flat, 5)).as("no structure: one cluster").isEqualTo(1);
  }

  /** The planted cluster of a task, −1 for p and q. */
  private static int cluster(String task) {
    for (int c = 0; c < PlantedTasks.CLUSTERS.size(); c++) if (PlantedTasks.CLUSTERS.get(c).contains(task)) return c;
    return -1;
  }
}
