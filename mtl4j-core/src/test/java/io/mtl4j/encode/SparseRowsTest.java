package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** CSR rows: batches and shards are the dense matrix's batches and shards, made dense only on request. */
class SparseRowsTest {
  /** Seeded rows of width 7, about a third of the cells set, some rows empty. */
  private static SparseRows random(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[] offsets = new int[rows + 1];
    int[] columns = new int[rows * 7];
    float[] values = new float[rows * 7];
    for (int i = 0; i < rows; i++) {
      int k = offsets[i];
      for (int c = 0; c < 7; c++) {
        if (r.nextInt(3) == 0) {
          columns[k] = c;
          values[k++] = (float) r.nextGaussian();
        }
      }
      offsets[i + 1] = k;
    }
    return new SparseRows(7, offsets, java.util.Arrays.copyOf(columns, offsets[rows]),
        java.util.Arrays.copyOf(values, offsets[rows]));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void gatherAndSliceMatchTheDenseRows(long seed) {
    SparseRows rows = random(20, seed);
    DenseRows dense = new DenseRows(rows.toDense());
    int[] order = new SplittableRandom(seed).ints(20, 0, 20).toArray();
    assertThat(rows.gather(order, 3, 15).toDense().toArray()).containsExactly(dense.gather(order, 3, 15).values().toArray());
    assertThat(rows.slice(4, 11).toDense().toArray()).containsExactly(dense.slice(4, 11).values().toArray());
  }

  @Test
  void sliceSharesTheEntriesAndGatherCopiesOnlyItsRows() {
    SparseRows rows = random(20, 4);
    assertThat(rows.slice(2, 9).values()).isSameAs(rows.values());
    SparseRows batch = rows.gather(new int[] {5, 6}, 0, 2);
    assertThat(batch.nonZeros()).isEqualTo(rows.slice(5, 7).nonZeros()).isEqualTo(batch.values().length);
  }

  @Test
  void toDenseKeepsTheLastValueOfAColumnListedTwice() {
    SparseRows rows = new SparseRows(3, new int[] {0, 2}, new int[] {1, 1}, new float[] {0.5f, 2f});
    assertThat(rows.toDense().toArray()).containsExactly(0f, 2f, 0f);
  }

  @Test
  void refusesAColumnOutsideTheWidth() {
    assertThatThrownBy(() -> new SparseRows(3, new int[] {0, 1}, new int[] {3}, new float[] {1f}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 3 outside 0..2");
  }

  @Test
  void refusesADenseBatchTooLargeForOneArray() {
    SparseRows wide = new SparseRows(2_000_000_000, new int[] {0, 1, 1}, new int[] {1_999_999_999}, new float[] {1f});
    assertThatThrownBy(wide::toDense).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 rows × 2000000000 columns").hasMessageContaining("smaller batch size or width");
  }
}
