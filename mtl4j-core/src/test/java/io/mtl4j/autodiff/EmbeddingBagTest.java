package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmbeddingBagTest {
  /** Random CSR bags over a vocabulary: some empty, some with repeated ids (multi-hot with duplicates). */
  private record Bags(int[] offsets, int[] ids, float[] weights, int vocabulary) {
    static Bags random(long seed) {
      SplittableRandom r = new SplittableRandom(seed);
      int bags = 1 + r.nextInt(6), vocabulary = 1 + r.nextInt(7);
      int[] offsets = new int[bags + 1];
      for (int b = 0; b < bags; b++) offsets[b + 1] = offsets[b] + r.nextInt(4);
      int[] ids = new int[offsets[bags]];
      float[] weights = new float[ids.length];
      for (int k = 0; k < ids.length; k++) {
        ids[k] = r.nextInt(vocabulary);
        weights[k] = (float) r.nextDouble(0.2, 2);
      }
      return new Bags(offsets, ids, weights, vocabulary);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void gradientMatchesFiniteDifferences(long seed) {
    Bags bags = Bags.random(seed);
    for (Pooling pooling : Pooling.values()) {
      GradCheck.assertGradients(v -> EmbeddingBag.pool(v[0], bags.offsets, bags.ids, bags.weights, pooling), seed,
          new int[] {bags.vocabulary, 3});
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void equalsOneHotMatmulInValueAndGradient(long seed) {
    Bags bags = Bags.random(seed);
    int dim = 4, rows = bags.offsets.length - 1;
    SplittableRandom r = new SplittableRandom(seed);
    Tensor table = Tensor.zeros(bags.vocabulary, dim), upstream = Tensor.zeros(rows, dim);
    for (int i = 0; i < table.size(); i++) table.set(i, (float) r.nextDouble(-1, 1));
    for (int i = 0; i < upstream.size(); i++) upstream.set(i, (float) r.nextDouble(-1, 1));
    // The dense reference: a [B, V] matrix of summed weights per id (divided by the bag size under MEAN) times the table.
    Tensor oneHot = Tensor.zeros(rows, bags.vocabulary);
    for (int b = 0; b < rows; b++) {
      int n = bags.offsets[b + 1] - bags.offsets[b];
      for (int k = bags.offsets[b]; k < bags.offsets[b + 1]; k++) {
        int at = b * bags.vocabulary + bags.ids[k];
        oneHot.set(at, oneHot.get(at) + bags.weights[k] / n);
      }
    }
    Tape sparseTape = new Tape(), denseTape = new Tape();
    Var sparseTable = sparseTape.variable(table.copy()), denseTable = denseTape.variable(table.copy());
    Var sparse = EmbeddingBag.pool(sparseTable, bags.offsets, bags.ids, bags.weights, Pooling.MEAN);
    Var dense = MatMul.matmul(denseTape.constant(oneHot), denseTable);
    sparseTape.backward(Map.of(sparse, upstream.copy()), Set.of());
    denseTape.backward(Map.of(dense, upstream.copy()), Set.of());
    for (int i = 0; i < sparse.value().size(); i++) {
      assertThat(sparse.value().get(i)).isCloseTo(dense.value().get(i), offset(1e-5f));
    }
    for (int i = 0; i < table.size(); i++) {
      assertThat(sparseTable.grad().get(i)).isCloseTo(denseTable.grad().get(i),
          offset(1e-5f));
    }
  }

  @Test
  void emptyBagGivesZeroRow() {
    Tape tape = new Tape();
    Var table = tape.variable(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2));
    Var y = EmbeddingBag.pool(table, new int[] {0, 0, 2}, new int[] {0, 1}, Pooling.MEAN);
    assertThat(y.value().toArray()).containsExactly(0f, 0f, 2f, 3f);
  }

  @Test
  void readsSegmentsThatStartInsideTheIds() {
    Tape tape = new Tape();
    Var table = tape.variable(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
    Var y = EmbeddingBag.pool(table, new int[] {1, 3}, new int[] {2, 0, 1}, Pooling.SUM);
    assertThat(y.value().toArray()).containsExactly(4f, 6f);
  }

  @Test
  void rejectsIdOutsideTheTable() {
    Tape tape = new Tape();
    Var table = tape.variable(Tensor.zeros(3, 2));
    assertThatThrownBy(() -> EmbeddingBag.pool(table, new int[] {0, 1}, new int[] {3}, Pooling.SUM))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 3 at position 0 outside table of 3 rows");
  }
}
