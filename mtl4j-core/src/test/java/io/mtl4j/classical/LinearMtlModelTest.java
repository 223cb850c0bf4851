package io.mtl4j.classical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

class LinearMtlModelTest {
  @Test
  void roundTripsThroughJsonWithItsParts() {
    MultiTaskData data = Problems.regression(41, 3, 4, 20, 30);
    LinearMtlModel m = new Dirty(new Dirty.Options(5, 2)).fit(data);
    ObjectMapper json = new ObjectMapper();
    @SuppressWarnings("unchecked")
    Map<String, Object> back = json.readValue(json.writeValueAsString(m.toMap()), Map.class);
    LinearMtlModel r = LinearMtlModel.fromMap(back);
    assertThat(r.weightMatrix()).isEqualTo(m.weightMatrix());
    assertThat(r.parts()).isEqualTo(m.parts());
    assertThat(r.report()).isEqualTo(m.report());
    double[] x = {0.5, -1, 2, 0.1};
    assertThat(r.predict(2, x)).isEqualTo(m.predict(2, x));
  }

  @Test
  void inspectsSelectedFeaturesAndRank() {
    MultiTaskData data = Problems.regression(42, 4, 6, 30, 40);
    LinearMtlModel l21 = new L21(new L21.Options(40)).fit(data);
    assertThat(l21.selectedFeatures(0).length).isBetween(1, 5);
    LinearMtlModel trace = new TraceNorm(new TraceNorm.Options(40)).fit(data);
    assertThat(trace.rank(1e-9)).isLessThan(4);
    assertThat(trace.singularValues()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
  }

  @Test
  void rejectsUnknownFormatVersions() {
    assertThatThrownBy(() -> LinearMtlModel.fromMap(Map.of("kind", "linear-mtl", "formatVersion", 9)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("formatVersion = 9");
  }
}
