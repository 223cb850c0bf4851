package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A batch gathered from categorical rows holds, field by field, the ids of the rows it picked. */
class CategoricalRowsTest {
  /**
   * {@code fields} fields over {@code rows} rows, one id per row except field 0 under {@code field0}: "multi-hot" rows
   * of 0–3 ids, "missing" rows of 0 or 1 id (a missing cell has none).
   */
  private static CategoricalRows rows(int rows, int fields, String field0, SplittableRandom r) {
    List<IdRows> out = new ArrayList<>();
    for (int f = 0; f < fields; f++) {
      int[] offsets = new int[rows + 1];
      for (int i = 0; i < rows; i++) offsets[i + 1] = offsets[i] + (f > 0 ? 1 : switch (field0) {
        case "multi-hot" -> r.nextInt(4);
        case "missing" -> r.nextInt(2);
        default -> 1;
      });
      int[] ids = new int[offsets[rows]];
      for (int k = 0; k < ids.length; k++) ids[k] = r.nextInt(1000);
      out.add(new IdRows(offsets, ids));
    }
    return new CategoricalRows(out);
  }

  private static void assertPicked(CategoricalRows batch, CategoricalRows source, int[] order, int from) {
    assertThat(batch.rows()).isEqualTo(order.length - from);
    for (int f = 0; f < source.fields().size(); f++) {
      for (int i = 0; i < batch.rows(); i++) {
        assertThat(batch.fields().get(f).row(i)).as("field %d, row %d", f, i)
            .containsExactly(source.fields().get(f).row(order[from + i]));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"1, one", "2, one", "3, multi-hot", "4, multi-hot", "7, missing", "8, missing"})
  void gatheredBatchesHoldThePickedRowsIdsAndGatherAgain(long seed, String field0) {
    SplittableRandom r = new SplittableRandom(seed);
    CategoricalRows all = rows(50, 1 + r.nextInt(5), field0, r);
    int[] order = new int[40];
    for (int i = 0; i < order.length; i++) order[i] = r.nextInt(50);
    CategoricalRows subset = all.gather(order, 5, 40); // as Dataset.select, then batches of the subset
    assertPicked(subset, all, order, 5);
    int[] again = {34, 0, 7, 7, 12};
    CategoricalRows batch = subset.gather(again, 1, 5);
    for (int f = 0; f < all.fields().size(); f++) {
      for (int i = 0; i < 4; i++) {
        assertThat(batch.fields().get(f).row(i)).containsExactly(all.fields().get(f).row(order[5 + again[1 + i]]));
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"5, 3", "6, 1"})
  void fieldsThatAreShardViewsGatherTheirOwnRows(long seed, int fields) {
    SplittableRandom r = new SplittableRandom(seed);
    CategoricalRows all = rows(30, fields, "one", r);
    CategoricalRows view = new CategoricalRows(all.slice(10, 20).fields()); // offsets start at 10
    int[] order = {9, 0, 4, 4};
    assertPicked(view.gather(order, 0, 4), view, order, 0);
  }
}
