package io.mtl4j.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairFlagsTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  private static TaskMatrix symmetric(String measure, double ab, double ac, double bc) {
    double[][] v = {{1, ab, ac}, {ab, 1, bc}, {ac, bc, 1}};
    return new TaskMatrix(measure, NAMES, v, new long[3][3], true);
  }

  @Test
  void aSignedMeasureFlagsPairsAtOrBelowItsThresholdAsConflicting() {
    PairFlags rule = PairFlags.rules(List.of("pearson")).get(0);
    assertThat(rule.kind()).isEqualTo(PairFlags.Kind.CONFLICTING);
    assertThat(rule.pairs(Map.of("pearson", symmetric("pearson", -0.3, -0.29, 0.8)))).containsExactly(List.of("a", "b"));
    assertThat(rule.rule()).contains("≤ -0.3");
  }

  /** MI 0.2 nats is an informational correlation of 0.59; b–c is as dependent but its ranks rise together. */
  @Test
  void mutualInformationFlagsAStrongDependenceWhoseRanksRunOpposite() {
    Map<String, TaskMatrix> m = Map.of("mutualInformation", symmetric("mutualInformation", 0.2, 0.1, 0.2),
        "spearman", symmetric("spearman", -0.4, -0.4, 0.4));
    PairFlags rule = PairFlags.rules(List.of("mutualInformation")).get(0);
    assertThat(rule.kind()).isEqualTo(PairFlags.Kind.DEPENDENT_BUT_OPPOSED);
    assertThat(rule.dependence(0.2)).isCloseTo(Math.sqrt(1 - Math.exp(-0.4)), within(1e-12));
    assertThat(rule.pairs(m)).containsExactly(List.of("a", "b"));
  }

  @Test
  void anUnsignedMeasureFlagsNothingWithoutARankCorrelation() {
    PairFlags rule = PairFlags.rules(List.of("cramersV")).get(0);
    assertThat(rule.pairs(Map.of("cramersV", symmetric("cramersV", 0.9, 0.9, 0.9)))).isEmpty();
    assertThatThrownBy(() -> rule.pairs(Map.of())).hasMessageContaining("no measure 'cramersV'");
  }

  @Test
  void everyMeasureButTheMagnitudeRatioHasARule() {
    List<String> all = List.of("pearson", "spearman", "mutualInformation", "cramersV", "gradientCosine",
        "magnitudeRatio", "affinity", PairwiseTransfer.MEASURE, LearnedRelations.CORRELATION, LearnedRelations.CO_CLUSTER);
    assertThat(PairFlags.rules(all)).extracting(PairFlags::measure).hasSize(all.size() - 1).doesNotContain("magnitudeRatio");
  }

  /** Of two binary labels V = |φ|: the cramersV entry keeps φ's sign, so an opposed pair reads negative. */
  @Test
  void cramersVOfTwoBinaryLabelsIsTheSignedPhi() {
    Dataset data = Dataset.builder(Tensor.zeros(8, 1))
        .task("x", Tensor.of(new float[] {1, 1, 1, 0, 0, 0, 1, 0}, 8))
        .task("y", Tensor.of(new float[] {0, 0, 0, 1, 1, 1, 1, 0}, 8))
        .build();
    Map<String, TaskMatrix> m = LabelStatistics.of(data, List.of(Task.of("x", TaskType.binary()), Task.of("y", TaskType.binary())));
    // Table [[1, 3], [3, 1]]: φ = (1·1 − 3·3) / √(4·4·4·4) = −0.5.
    assertThat(m.get("cramersV").get("x", "y")).isCloseTo(-0.5, within(1e-9)).isEqualTo(m.get("pearson").get("x", "y"));
    assertThat(PairFlags.rules(List.of("cramersV")).get(0).pairs(m)).containsExactly(List.of("x", "y"));
  }

  /** A φ flags as the Pearson correlation it equals: −0.2 is not opposed enough, though V = 0.2 would count. */
  @Test
  void aSignedPhiFlagsOnlyAtTheCorrelationsThreshold() {
    Map<String, TaskMatrix> m = Map.of("cramersV", symmetric("cramersV", -0.2, -0.3, 0.2),
        "spearman", symmetric("spearman", -0.2, -0.3, -0.2));
    assertThat(PairFlags.rules(List.of("cramersV")).get(0).pairs(m)).containsExactly(List.of("a", "c"), List.of("b", "c"));
  }
}
