package io.mtl4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.train.StepPartial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionOrderSumTest {
  /** Partials whose float sums depend on the order of addition (values of very different magnitudes). */
  private static List<StepPartial> partials(int n, long seed) {
    Random r = new Random(seed);
    List<StepPartial> out = new ArrayList<>();
    for (int p = 0; p < n; p++) {
      float[] g = new float[16];
      for (int i = 0; i < g.length; i++) g[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8) - 4));
      out.add(new StepPartial(new double[] {r.nextDouble()}, g, new float[][] {g.clone()}));
    }
    return out;
  }

  static List<Integer> partitionCounts() {
    return List.of(1, 2, 3, 5, 8, 13);
  }

  @ParameterizedTest
  @MethodSource("partitionCounts")
  void anyArrivalOrderAndGroupingGiveTheSameBits(int partitions) {
    List<StepPartial> parts = partials(partitions, partitions);
    StepPartial reference = sum(parts, ordered(partitions), 1);
    Random shuffle = new Random(42);
    for (int trial = 0; trial < 20; trial++) {
      List<Integer> order = ordered(partitions);
      Collections.shuffle(order, shuffle);
      StepPartial other = sum(parts, order, 1 + shuffle.nextInt(3));
      assertThat(other.gradient()).containsExactly(reference.gradient());
      assertThat(other.taskRows()[0]).containsExactly(reference.taskRows()[0]);
      assertThat(other.losses()).containsExactly(reference.losses());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void twoOrThreePartitionsAddInPartitionOrder(int partitions) {
    List<StepPartial> parts = partials(partitions, 7);
    StepPartial left = parts.get(0).plus(parts.get(1));
    StepPartial expected = partitions == 2 ? left : left.plus(parts.get(2));
    assertThat(sum(parts, List.of(partitions - 1, 0, 1).subList(0, partitions), 2).gradient())
        .containsExactly(expected.gradient());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5})
  void refusesAnIncompleteSum(int partitions) {
    PartitionOrderSum<StepPartial> sum = new PartitionOrderSum<>(partitions, StepPartial::plus);
    sum.add(new PartitionOrderSum.Leaf<>(0, partials(1, 1).get(0)));
    assertThatThrownBy(sum::total).isInstanceOf(IllegalStateException.class).hasMessageContaining("incomplete");
  }

  private static List<Integer> ordered(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) out.add(i);
    return out;
  }

  /** Adds leaves in {@code order}, spread over {@code groups} sums merged at the end (as treeAggregate does). */
  private static StepPartial sum(List<StepPartial> parts, List<Integer> order, int groups) {
    List<PartitionOrderSum<StepPartial>> sums = new ArrayList<>();
    for (int g = 0; g < groups; g++) sums.add(new PartitionOrderSum<>(parts.size(), StepPartial::plus));
    for (int i = 0; i < order.size(); i++) {
      int p = order.get(i);
      sums.get(i % groups).add(new PartitionOrderSum.Leaf<>(p, parts.get(p)));
    }
    PartitionOrderSum<StepPartial> total = sums.get(sums.size() - 1);
    for (int g = sums.size() - 2; g >= 0; g--) total = total.merge(sums.get(g));
    return total.total();
  }
}
