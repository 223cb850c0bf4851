package io.mtl4j.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeatureRowsTest {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void sliceOfGatherEqualsGatherOfTheSameRows(long seed) {
    FeatureRows rows = GroupFixtures.data(40, seed).groups();
    SplittableRandom r = new SplittableRandom(seed);
    int[] order = new int[25];
    for (int i = 0; i < order.length; i++) order[i] = r.nextInt(40);
    int from = r.nextInt(10), to = from + 1 + r.nextInt(10);
    FeatureRows viaSlice = rows.gather(order, 0, order.length).slice(from, to);
    FeatureRows direct = rows.gather(order, from, to);
    assertThat(viaSlice.rows()).isEqualTo(to - from);
    assertSameRows(viaSlice, direct);
    for (int i = from; i < to; i++) assertSameRows(viaSlice.slice(i - from, i - from + 1), rows.slice(order[i], order[i] + 1));
  }

  private static void assertSameRows(FeatureRows a, FeatureRows b) {
    assertThat(((DenseRows) a.group("x")).values().toArray()).containsExactly(((DenseRows) b.group("x")).values().toArray());
    CategoricalRows ca = (CategoricalRows) a.group("cat"), cb = (CategoricalRows) b.group("cat");
    for (int f = 0; f < 2; f++) {
      for (int i = 0; i < a.rows(); i++) {
        assertThat(ca.fields().get(f).row(i)).containsExactly(cb.fields().get(f).row(i));
      }
    }
  }

  @Test
  void rejectsGroupsOfDifferentLengths() {
    assertThatThrownBy(() -> FeatureRows.of(Map.of("a", IdRows.single(new int[] {1, 2}))).slice(0, 3))
        .hasMessageContaining("rows [0, 3) outside 0..2");
    assertThatThrownBy(() -> new CategoricalRows(java.util.List.of(IdRows.single(new int[] {1}),
        IdRows.single(new int[] {1, 2})))).hasMessageContaining("field 1 has 2 rows, field 0 has 1");
  }

  @Test
  void rejectsEmptyGroups() {
    assertThatThrownBy(() -> FeatureRows.of(Map.of())).hasMessageContaining("no groups");
    assertThatThrownBy(() -> new CategoricalRows(java.util.List.of())).hasMessageContaining("no fields");
    assertThatThrownBy(() -> new InputSpec(java.util.List.of())).hasMessageContaining("no feature groups");
  }

  @Test
  void rejectsImagesOfTheWrongSize() {
    assertThatThrownBy(() -> new ImageRows(io.mtl4j.tensor.Tensor.zeros(2, 10), 1, 3, 3))
        .hasMessageContaining("expected [rows, 9] for C·H·W = 1·3·3");
  }
}
