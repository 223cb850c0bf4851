package io.mtl4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PreprocessingTest {
  /** x numeric, c categorical, y binary label, z multiclass label, r regression label. */
  private static Table table() {
    Table t = new Table("mem.csv", List.of("x", "c", "y", "z", "r"));
    String[][] rows = {
        {"1", "a", "yes", "red", "1.5"}, {"3", "b", "no", "blue", "2.5"}, {null, "a", "yes", "red", null},
        {"5", "c", null, "green", "0.5"}, {"100", "zz", "no", "blue", "9"}};
    for (int i = 0; i < rows.length; i++) t.add(rows[i], i + 2);
    return t;
  }

  private static final int[] TRAIN = {0, 1, 2, 3};

  private static List<LabelSpec> labels() {
    return List.of(new LabelSpec("y", "binary", List.of("y"), List.of("yes"), null),
        new LabelSpec("z", "multiclass", List.of("z"), null, null),
        new LabelSpec("r", "regression", List.of("r"), null, null));
  }

  @Test
  void standardisesWithTrainingStatisticsAndImputesWithIndicator() {
    Preprocessing p = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), labels());
    assertThat(p.inputNames()).containsExactly("x", "x:missing", "c=a", "c=b", "c=c", "c:unknown");
    Tensor f = p.features(table(), new int[] {0, 2, 4}, false);
    // training x = {1, 3, 5}: mean 3, population sd sqrt(8/3); row 4's 100 is not part of the fit.
    double sd = Math.sqrt(8.0 / 3);
    assertThat(f.get(0)).isCloseTo((float) ((1 - 3) / sd), within(1e-5f));
    assertThat(f.get(6)).isEqualTo(0f);      // missing → training mean → 0 after standardising
    assertThat(f.get(7)).isEqualTo(1f);      // indicator
    assertThat(f.get(12)).isCloseTo((float) ((100 - 3) / sd), within(1e-4f));
    assertThat(f.get(17)).isEqualTo(1f);     // "zz" unseen in training → unknown bucket
  }

  @Test
  void minMaxAndLogScaling() {
    FeatureOptions o = new FeatureOptions(List.of("x"), null, null, null, "minmax", null, null, 1000, 64, 1);
    Preprocessing p = Preprocessing.fit(table(), TRAIN, o, List.of());
    assertThat(p.features(table(), new int[] {0, 3}, false).toArray()).containsExactly(0f, 0f, 1f, 0f);
    FeatureOptions log = new FeatureOptions(List.of("x"), null, null, null, "none", Map.of("x", "log"), null, 1000, 64, 1);
    Tensor f = Preprocessing.fit(table(), TRAIN, log, List.of()).features(table(), new int[] {4}, false);
    double mean = (Math.log1p(1) + Math.log1p(3) + Math.log1p(5)) / 3;
    assertThat((double) f.get(0)).isGreaterThan(Math.log1p(100) - mean - 1); // log then standardised
  }

  @Test
  void idsAndHashingEncodings() {
    FeatureOptions ids = new FeatureOptions(List.of("c"), null, null, null, null, null, "ids", 1000, 64, 1);
    Preprocessing p = Preprocessing.fit(table(), TRAIN, ids, List.of());
    assertThat(p.features(table(), new int[] {0, 1, 4}, false).toArray()).containsExactly(1f, 2f, 0f);
    FeatureOptions hashed = new FeatureOptions(List.of("c"), null, null, null, null, null, "onehot", 2, 8, 1);
    Preprocessing h = Preprocessing.fit(table(), TRAIN, hashed, List.of());
    assertThat(h.width()).isEqualTo(8);      // 3 categories > maxCategories 2 → hashed
    float[] row = h.features(table(), new int[] {0}, false).toArray();
    assertThat(row).containsOnly(0f, 1f);
    assertThat(sum(row)).isEqualTo(1f);
  }

  @Test
  void standardisedRegressionLabelsUseTheTrainingRowsStatistics() {
    LabelSpec r = new LabelSpec("r", "regression", List.of("r"), null, null, true);
    Preprocessing p = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), List.of(r));
    // training r = {1.5, 2.5, 0.5} (row 2 has none): mean 1.5, population sd sqrt(2/3); row 4's 9 is not part of the fit.
    TargetScaling s = p.labels().get(0).scaling();
    assertThat(s.mean()).isCloseTo(1.5, within(1e-12));
    assertThat(s.std()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-12));
    Dataset d = p.dataset(table(), new int[] {0, 2, 4});
    assertThat(d.labels("r").toArray()).containsExactly(new float[] {0f, 0f, (float) (7.5 / Math.sqrt(2.0 / 3))}, within(1e-5f));
    assertThat(d.mask("r").toArray()).containsExactly(1f, 0f, 1f);
    assertThat(d.targetScaling("r")).isEqualTo(s);
    assertThat(p.labels().get(0).original(1f)).isCloseTo((float) (1.5 + Math.sqrt(2.0 / 3)), within(1e-6f));
  }

  @Test
  void standardisationTravelsWithTheModelAndOtherLabelsAreWrittenAsBefore() {
    LabelSpec r = new LabelSpec("r", "regression", List.of("r"), null, null, true);
    Preprocessing p = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), List.of(labels().get(0), r));
    Preprocessing back = Preprocessing.fromMap(p.toMap());
    assertThat(back.labels().get(1).scaling()).isEqualTo(p.labels().get(1).scaling());
    assertThat(back.labels().get(1).spec().standardise()).isTrue();
    @SuppressWarnings("unchecked")
    Map<String, Object> binary = ((List<Map<String, Object>>) p.toMap().get("labels")).get(0);
    assertThat(binary).doesNotContainKey("standardise");
    assertThat(Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), labels()).labels().get(2).scaling()).isNull();
  }

  @Test
  void aConstantTargetKeepsAUnitScale() {
    Table t = new Table("c.csv", List.of("x", "r"));
    for (int i = 0; i < 4; i++) t.add(new String[] {String.valueOf(i), "7"}, i + 2);
    Preprocessing p = Preprocessing.fit(t, new int[] {0, 1, 2, 3}, FeatureOptions.defaults(),
        List.of(new LabelSpec("r", "regression", List.of("r"), null, null, true)));
    assertThat(p.labels().get(0).scaling()).isEqualTo(new TargetScaling(7, 1));
  }

  @Test
  void labelsWithMasksClassesAndExpressions() {
    Preprocessing p = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), labels());
    Dataset d = p.dataset(table(), new int[] {0, 1, 2, 3, 4});
    assertThat(d.labels("y").toArray()).containsExactly(1f, 0f, 1f, 0f, 0f);
    assertThat(d.mask("y").toArray()).containsExactly(1f, 1f, 1f, 0f, 1f);
    assertThat(p.labels().get(1).classes()).containsExactly("blue", "green", "red");
    assertThat(d.labels("z").toArray()).containsExactly(2f, 0f, 2f, 1f, 0f);
    assertThat(d.mask("r").toArray()).containsExactly(1f, 1f, 0f, 1f, 1f);
    LabelSpec big = new LabelSpec("big", "binary", List.of("r"), null, "> 2");
    Dataset e = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), List.of(big)).dataset(table(), TRAIN);
    assertThat(e.labels("big").toArray()).containsExactly(0f, 1f, 0f, 0f);
  }

  @Test
  void multilabelTakesOneColumnPerLabel() {
    Table t = new Table("m.csv", List.of("x", "l1", "l2"));
    t.add(new String[] {"1", "1", "0"}, 2);
    t.add(new String[] {"2", "0", "1"}, 3);
    LabelSpec spec = new LabelSpec("tags", "multilabel", List.of("l1", "l2"), null, null);
    Dataset d = Preprocessing.fit(t, new int[] {0, 1}, FeatureOptions.defaults(), List.of(spec)).dataset(t, new int[] {0, 1});
    assertThat(d.labels("tags").shape()).containsExactly(2, 2);
    assertThat(d.labels("tags").toArray()).containsExactly(1f, 0f, 0f, 1f);
  }

  @Test
  void countsMulticlassLabelsUnseenInTrainingWhichTheDatasetMasks() {
    Table t = table();
    t.add(new String[] {"2", "a", "no", "purple", "1"}, 7);
    t.add(new String[] {"2", "a", "no", null, "1"}, 8);
    Preprocessing p = Preprocessing.fit(t, TRAIN, FeatureOptions.defaults(), labels());
    int[] rest = {4, 5, 6};
    assertThat(p.unseenLabels(t, rest)).containsExactly(Map.entry("z", new LabelEncoder.Unseen(1, List.of("purple"))));
    assertThat(p.dataset(t, rest).mask("z").toArray()).containsExactly(1f, 0f, 0f);
    assertThat(p.unseenLabels(t, TRAIN)).isEmpty();
  }

  @Test
  void roundTripsThroughJson() {
    Preprocessing p = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), labels());
    JsonMapper json = JsonMapper.builder().build();
    @SuppressWarnings("unchecked")
    Map<String, Object> back = json.readValue(json.writeValueAsString(p.toMap()), Map.class);
    Preprocessing q = Preprocessing.fromMap(back);
    int[] all = {0, 1, 2, 3, 4};
    assertThat(q.features(table(), all, false).toArray()).containsExactly(p.features(table(), all, false).toArray());
    assertThat(q.dataset(table(), all).labels("z").toArray()).containsExactly(p.dataset(table(), all).labels("z").toArray());
  }

  @Test
  void nonNumericValueInNumericColumnNamesFileLineColumn() {
    Table t = table();
    FeatureOptions o = new FeatureOptions(null, null, List.of("c"), null, null, null, null, 1000, 64, 1);
    assertThatThrownBy(() -> Preprocessing.fit(t, TRAIN, o, List.of()))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("mem.csv:2:2").hasMessageContaining("'a'");
  }

  @Test
  void unknownCategoryIsAnErrorWhenStrict() {
    Preprocessing p = Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), List.of());
    assertThatThrownBy(() -> p.features(table(), new int[] {4}, true))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("mem.csv:6:2").hasMessageContaining("'zz'");
  }

  @Test
  void missingLabelColumnIsNamed() {
    LabelSpec spec = new LabelSpec("t", "binary", List.of("nope"), null, null);
    assertThatThrownBy(() -> Preprocessing.fit(table(), TRAIN, FeatureOptions.defaults(), List.of(spec)))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("'nope'").hasMessageContaining("columns: [x, c, y, z, r]");
  }

  private static float sum(float[] a) {
    float s = 0;
    for (float v : a) s += v;
    return s;
  }
}
