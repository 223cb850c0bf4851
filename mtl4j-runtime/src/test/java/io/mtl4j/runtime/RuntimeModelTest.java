package io.mtl4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.io.ModelFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeModelTest {
  @TempDir Path dir;

  /**
   * Shared-bottom, bottom [2 → 2] relu, heads without towers: x = [1, 2] gives h = relu([5, 0.5]); a regression head
   * 0.2·5 − 2·0.5 + 1 = 1, a multiclass head softmax([0.5, 0]), a binary head sigmoid(2·0.5 − 1) = 0.5.
   */
  @Test
  void predictsHandComputedSharedBottom() {
    Path file = TestModels.builder()
        .put("bottom.0.weight", new float[] {1, -1, 2, 0.5f}, 2, 2).put("bottom.0.bias", new float[] {0, 0.5f}, 2)
        .put("head.score.out.weight", new float[] {0.2f, -2}, 2, 1).put("head.score.out.bias", new float[] {1}, 1)
        .put("head.kind.out.weight", new float[] {0.1f, 0, 0, 0}, 2, 2).put("head.kind.out.bias", new float[2], 2)
        .put("head.flag.out.weight", new float[] {0, 2}, 2, 1).put("head.flag.out.bias", new float[] {-1}, 1)
        .write(dir.resolve("sb.mtl4j"), TestModels.spec(2, "shared-bottom", sharedBottom(List.of(2)),
            List.of(TestModels.task("score", "regression"), multiclass("kind", 2), TestModels.task("flag", "binary")),
            List.of()), Map.of());
    RuntimeModel model = RuntimeModel.load(file);
    float[] out = new float[model.outputWidth()];
    model.predictEncoded(new float[] {1, 2}, out);

    double p = Math.exp(0.5) / (Math.exp(0.5) + 1);
    assertThat(model.tasks()).extracting(RuntimeTask::offset).containsExactly(0, 1, 3);
    assertThat(out[0]).isCloseTo(1f, within(1e-6f));
    assertThat(out[1]).isCloseTo((float) p, within(1e-6f));
    assertThat(out[2]).isCloseTo((float) (1 - p), within(1e-6f));
    assertThat(out[3]).isCloseTo(0.5f, within(1e-6f));
  }

  /** age 52 → (52 − 40)/12 = 1 and indicator 0; green → [0, 1, 0, unknown 0]; a missing city hashes to nothing. */
  @Test
  void encodesRawColumnsAsThePreprocessingSays() {
    RuntimeModel model = RuntimeModel.load(TestModels.mmoe(dir, 3));
    float[] encoded = {1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    assertThat(model.predict(row(52, "green", null))).containsExactly(encodedPrediction(model, encoded));
    assertThat(model.inputColumns()).containsExactly("age", "colour", "city");
    assertThat(model.featureWidth()).isEqualTo(encoded.length);
  }

  @Test
  void readsMissingAndUnseenValuesAsTheCsvReaderDoes() {
    RuntimeModel model = RuntimeModel.load(TestModels.mmoe(dir, 4));
    float[] missing = model.predict(row(null, null, "x"));
    assertThat(model.predict(row("NA", "purple", "x"))).containsExactly(missing);
    assertThat(model.predict(row(Double.NaN, " ", "x"))).containsExactly(missing);
    assertThat(model.predict(row(" 52 ", "red", " x "))).containsExactly(model.predict(row(52.0, "red", "x")));
    assertThat(model.predict(row(52, "red", "x"))).isNotEqualTo(missing);
  }

  @Test
  void refusesRowWithoutAColumnNamingIt() {
    RuntimeModel model = RuntimeModel.load(TestModels.mmoe(dir, 5));
    Map<String, Object> row = row(30, "red", "x");
    row.remove("colour");
    assertThatThrownBy(() -> model.predict(row)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no column 'colour'");
    assertThatThrownBy(() -> model.predict(List.of(row(1, "red", "x"), row("old", "red", "x")), new float[4]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row 1: column 'age'")
        .hasMessageContaining("'old'");
  }

  @Test
  void refusesTooSmallOutputAndFeatureArrays() {
    RuntimeModel model = RuntimeModel.load(TestModels.mmoe(dir, 6));
    assertThatThrownBy(() -> model.predict(row(1, "red", "x"), new float[1]))
        .hasMessageContaining("out has 1 floats, expected at least 1 rows × 2");
    assertThatThrownBy(() -> model.predictEncoded(new float[13], new float[2]))
        .hasMessageContaining("expected 1 rows × 14 model inputs");
  }

  @Test
  void refusesFeatureGroupsUnknownArchitecturesAndMissingParameters() {
    Map<String, Object> spec = TestModels.spec(2, "shared-bottom", sharedBottom(List.of()),
        List.of(TestModels.task("y", "regression")), List.of());
    Path noHead = TestModels.builder().write(dir.resolve("a.mtl4j"), spec, Map.of());
    assertThatThrownBy(() -> RuntimeModel.load(noHead)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("no parameter 'head.y.out.weight'");

    Map<String, Object> grouped = new LinkedHashMap<>(spec);
    grouped.put("groups", List.of());
    Path groups = TestModels.builder().write(dir.resolve("b.mtl4j"), grouped, Map.of());
    assertThatThrownBy(() -> RuntimeModel.load(groups)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("feature groups");

    Path unknown = TestModels.builder().write(dir.resolve("c.mtl4j"), TestModels.spec(2, "transformer", Map.of(),
        List.of(TestModels.task("y", "regression")), List.of()), Map.of());
    assertThatThrownBy(() -> RuntimeModel.load(unknown)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("architecture 'transformer'").hasMessageContaining("mmoe");
  }

  @Test
  void refusesAnAuxiliaryTaskWithTargetsFromTheInputSayingHowToRemoveIt() {
    Map<String, Object> recon = TestModels.task("recon", "reconstruction");
    recon.put("width", 2);
    recon.put("auxiliary", Map.of("targets", "reconstruction"));
    Path file = TestModels.builder().write(dir.resolve("aux.mtl4j"), TestModels.spec(2, "shared-bottom",
        sharedBottom(List.of()), List.of(TestModels.task("y", "regression"), recon), List.of()), Map.of());
    assertThatThrownBy(() -> RuntimeModel.load(file)).isInstanceOf(ModelFileException.class)
        .hasMessageContaining("task 'recon' is an auxiliary reconstruction task")
        .hasMessageContaining("mtl4j remove-task --task recon");
  }

  private static Map<String, Object> sharedBottom(List<Integer> hidden) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("hidden", hidden);
    o.put("activation", "relu");
    o.put("dropout", 0.0);
    return o;
  }

  private static Map<String, Object> multiclass(String name, int classes) {
    Map<String, Object> t = TestModels.task(name, "multiclass");
    t.put("classes", classes);
    return t;
  }

  static Map<String, Object> row(Object age, Object colour, Object city) {
    Map<String, Object> row = new HashMap<>();
    row.put("age", age);
    row.put("colour", colour);
    row.put("city", city);
    return row;
  }

  private static float[] encodedPrediction(RuntimeModel model, float[] features) {
    float[] out = new float[model.outputWidth()];
    model.predictEncoded(features, out);
    return out;
  }
}
