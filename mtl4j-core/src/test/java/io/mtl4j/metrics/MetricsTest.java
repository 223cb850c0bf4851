package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void defaultsPutThePrimaryMetricFirst() {
    assertThat(Metrics.defaults(LabelKind.BINARY)).extracting(Metric::name)
        .containsExactly("auc", "accuracy", "logloss");
    assertThat(Metrics.defaults(LabelKind.MULTICLASS)).extracting(Metric::name)
        .containsExactly("accuracy", "f1-macro", "logloss");
    assertThat(Metrics.defaults(LabelKind.REGRESSION)).extracting(Metric::name)
        .containsExactly("rmse", "mae", "r2");
    assertThat(Metrics.defaults(LabelKind.MULTILABEL)).extracting(Metric::name)
        .containsExactly("auc", "f1-micro", "f1-macro");
  }

  @Test
  void knowsTheDirections() {
    assertThat(Metrics.higherIsBetter("AUC")).isTrue();
    assertThat(Metrics.higherIsBetter("r2")).isTrue();
    assertThat(Metrics.higherIsBetter("logloss")).isFalse();
    assertThat(Metrics.higherIsBetter("rmse")).isFalse();
  }

  @Test
  void rejectsUnknownNamesListingTheKnownOnes() {
    assertThatThrownBy(() -> Metrics.byName("rsme", LabelKind.REGRESSION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown metric 'rsme'; known for regression: [mse, rmse, mae, r2]");
  }

  @Test
  void rejectsMetricsOfAnotherKind() {
    assertThatThrownBy(() -> Metrics.byName("r2", LabelKind.BINARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("metric 'r2' does not apply to binary labels; known for binary: [accuracy,");
    assertThatThrownBy(() -> new Auc(LabelKind.REGRESSION))
        .hasMessage("auc does not apply to regression labels; it needs [binary, multiclass, multilabel]");
    assertThatThrownBy(() -> new F1(LabelKind.MULTICLASS, Averaging.POSITIVE))
        .hasMessageContaining("positive-class averaging needs binary labels");
  }
}
