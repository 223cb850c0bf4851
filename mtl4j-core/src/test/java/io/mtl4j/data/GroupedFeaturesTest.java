package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.encode.CategoricalRows;
import io.mtl4j.encode.DenseRows;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.IdRows;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GroupedFeaturesTest {
  private static Table table() {
    Table t = new Table("t.csv", List.of("x", "tags", "y"));
    String[][] rows = {{"1", "a|b", "0"}, {"2", "b", "1"}, {"3", null, "0"}, {"4", "b|c|a", "1"}, {"5", "z", "1"}};
    for (int r = 0; r < rows.length; r++) t.add(rows[r], r + 2);
    return t;
  }

  private static InputGroupOptions.Categorical tags(int hashBuckets, int minCount) {
    return new InputGroupOptions.Categorical("cats", List.of("tags"), 2, Map.of(), hashBuckets, "|", minCount,
        Pooling.MEAN, false, false);
  }

  private static GroupedFeatures fit(int hashBuckets, int minCount) {
    List<InputGroupOptions> groups = List.of(new InputGroupOptions.Dense("num", List.of("x"), false),
        tags(hashBuckets, minCount));
    return GroupedFeatures.fit(table(), new int[] {0, 1, 2, 3}, FeatureOptions.defaults(), groups, Set.of("y"));
  }

  @Test
  void multiHotCellsBecomeSeveralIdsAndMissingCellsNone() {
    FeatureRows rows = fit(0, 1).rows(table(), new int[] {0, 1, 2, 3}, false);
    IdRows tags = ((CategoricalRows) rows.group("cats")).fields().get(0);
    // training counts: b 3, a 2, c 1 → rows b=0, a=1, c=2
    assertThat(tags.row(0)).containsExactly(1, 0);
    assertThat(tags.row(1)).containsExactly(0);
    assertThat(tags.row(2)).isEmpty();
    assertThat(tags.row(3)).containsExactly(0, 2, 1);
    assertThat(((DenseRows) rows.group("num")).width()).isEqualTo(1);
  }

  @Test
  void rareAndUnseenValuesShareTheHashBuckets() {
    GroupedFeatures g = fit(1, 2);
    IdRows tags = ((CategoricalRows) g.rows(table(), new int[] {3, 4}, false).group("cats")).fields().get(0);
    assertThat(tags.row(0)).containsExactly(0, 2, 1);
    assertThat(tags.row(1)).containsExactly(2);
    assertThat(g.inputSpec().sharedWidth()).isEqualTo(1 + 2);
  }

  @Test
  void unseenValueWithHashingOffNamesFileLineAndColumn() {
    assertThatThrownBy(() -> fit(0, 1).rows(table(), new int[] {4}, false))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("t.csv:6:2").hasMessageContaining("column 'tags' has the value 'z'");
  }

  @Test
  void labelColumnCannotBeAnInput() {
    List<InputGroupOptions> groups = List.of(new InputGroupOptions.Dense("num", List.of("x", "y"), false));
    assertThatThrownBy(() -> GroupedFeatures.fit(table(), new int[] {0, 1}, FeatureOptions.defaults(), groups,
        Set.of("y"))).hasMessageContaining("inputs[0] (group 'num'): column 'y' is a task's label");
  }

  @Test
  void savedFormRebuildsTheSameGroups() {
    GroupedFeatures g = fit(3, 1);
    GroupedFeatures back = GroupedFeatures.fromList(g.toList());
    assertThat(back.inputSpec()).isEqualTo(g.inputSpec());
    int[] all = {0, 1, 2, 3, 4};
    IdRows a = ((CategoricalRows) g.rows(table(), all, false).group("cats")).fields().get(0);
    IdRows b = ((CategoricalRows) back.rows(table(), all, false).group("cats")).fields().get(0);
    assertThat(b.offsets()).containsExactly(a.offsets());
    assertThat(b.ids()).containsExactly(a.ids());
    assertThat(new TreeMap<>(Map.of("k", g.toList()))).isEqualTo(new TreeMap<>(Map.of("k", back.toList())));
  }

  @Test
  void bindingNamesTheKeyPath() {
    assertThatThrownBy(() -> InputGroupOptions.bind("inputs", List.of(Map.of("name", "c", "kind", "categorical",
        "columns", List.of("tags"), "minCount", 0)))).hasMessageContaining("inputs[0]").hasMessageContaining("minCount = 0");
    assertThatThrownBy(() -> InputGroupOptions.bind("inputs", List.of(Map.of("name", "c", "kind", "pictures",
        "columns", List.of("tags"))))).hasMessageContaining("inputs[0].kind = 'pictures'");
  }
}
