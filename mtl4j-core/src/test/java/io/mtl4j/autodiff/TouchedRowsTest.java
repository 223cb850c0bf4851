package io.mtl4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TouchedRowsTest {

  @Test
  void holdsEachRowOnceAndForgetsThemOnClear() {
    TouchedRows rows = new TouchedRows(200);
    rows.addAll(new int[] {130, 3, 130, 64, 3});
    assertThat(rows.size()).isEqualTo(3);
    rows.sort();
    assertThat(new int[] {rows.get(0), rows.get(1), rows.get(2)}).containsExactly(3, 64, 130);
    rows.clear();
    assertThat(rows.size()).isZero();
    assertThat(rows.contains(64)).isFalse();
    rows.add(64);
    assertThat(rows.size()).isEqualTo(1);
    assertThatThrownBy(() -> rows.add(200)).hasMessageContaining("row 200 outside [0, 200)");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gatherFromARowSparseTableWritesTheDenseGradientAndNamesItsRows(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int vocab = 30, dim = 3, n = 12;
    float[] table = new float[vocab * dim];
    for (int i = 0; i < table.length; i++) table[i] = (float) r.nextGaussian();
    int[] ids = r.ints(n, 0, vocab).toArray();
    float[] seedGrad = new float[n * dim];
    for (int i = 0; i < seedGrad.length; i++) seedGrad[i] = (float) r.nextGaussian();

    float[] dense = new float[vocab * dim], sparse = new float[vocab * dim];
    Tape a = new Tape(), b = new Tape();
    a.backward(java.util.Map.of(Gather.rows(a.parameter(Tensor.of(table, vocab, dim), Tensor.of(dense, vocab, dim)),
        ids), Tensor.of(seedGrad, n, dim)), java.util.Set.of());
    TouchedRows touched = new TouchedRows(vocab);
    Var rowSparse = b.rowSparseParameter(Tensor.of(table, vocab, dim), Tensor.of(sparse, vocab, dim), touched);
    b.backward(java.util.Map.of(Gather.rows(rowSparse, ids), Tensor.of(seedGrad, n, dim)), java.util.Set.of());

    assertThat(sparse).containsExactly(dense);
    for (int row = 0; row < vocab; row++) {
      final int v = row;
      assertThat(touched.contains(row)).as("row %d", row).isEqualTo(java.util.Arrays.stream(ids).anyMatch(i -> i == v));
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void embeddingBagOnARowSparseTableWritesTheDenseGradientAndNamesOnlyItsSegmentsRows(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int vocab = 40, dim = 3, bags = 5;
    float[] table = new float[vocab * dim];
    for (int i = 0; i < table.length; i++) table[i] = (float) r.nextGaussian();
    // A shard's view: its segments start at id 4 and end before the last 3 ids, which belong to other rows.
    int[] ids = r.ints(4 + 2 * bags + 3, 0, vocab).toArray();
    int[] offsets = new int[bags + 1];
    for (int b = 0; b <= bags; b++) offsets[b] = 4 + 2 * b;
    float[] seedGrad = new float[bags * dim];
    for (int i = 0; i < seedGrad.length; i++) seedGrad[i] = (float) r.nextGaussian();

    float[] dense = new float[vocab * dim], sparse = new float[vocab * dim];
    Tape a = new Tape(), b = new Tape();
    a.backward(java.util.Map.of(EmbeddingBag.pool(a.parameter(Tensor.of(table, vocab, dim), Tensor.of(dense, vocab, dim)),
        offsets, ids, EmbeddingBag.Pooling.MEAN), Tensor.of(seedGrad, bags, dim)), java.util.Set.of());
    TouchedRows touched = new TouchedRows(vocab);
    Var rowSparse = b.rowSparseParameter(Tensor.of(table, vocab, dim), Tensor.of(sparse, vocab, dim), touched);
    b.backward(java.util.Map.of(EmbeddingBag.pool(rowSparse, offsets, ids, EmbeddingBag.Pooling.MEAN),
        Tensor.of(seedGrad, bags, dim)), java.util.Set.of());

    assertThat(sparse).containsExactly(dense);
    int[] inSegments = java.util.Arrays.copyOfRange(ids, offsets[0], offsets[bags]);
    for (int row = 0; row < vocab; row++) {
      final int v = row;
      assertThat(touched.contains(row)).as("row %d", row)
          .isEqualTo(java.util.Arrays.stream(inSegments).anyMatch(i -> i == v));
    }
  }

  @Test
  void anOpThatReadsARowSparseTableWholeIsRefused() {
    Tape tape = new Tape();
    Var table = tape.rowSparseParameter(Tensor.of(new float[6], 3, 2), Tensor.of(new float[6], 3, 2),
        new TouchedRows(3));
    Var y = Elementwise.scale(table, 2f);
    assertThatThrownBy(() -> tape.backward(java.util.Map.of(y, Tensor.of(new float[6], 3, 2)), java.util.Set.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("row-sparse parameter [3,2]");
  }
}
