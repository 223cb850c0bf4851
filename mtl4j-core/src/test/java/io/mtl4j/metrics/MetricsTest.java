package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.config.Registry;
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

  @Test
  void defaultsAreUnchangedByAUsersWith() {
    Registry<Metric.ForKind> mine = Metrics.defaults().with("always-one", o -> kind -> Metrics.byName("auc", kind));
    assertThat(mine.names()).contains("always-one", "auc");
    assertThat(Metrics.defaults().contains("always-one")).isFalse();
    assertThat(Metrics.defaults().names()).containsExactlyElementsOf(Metrics.allNames());
  }

  @Test
  void refusesToRegisterANameTwice() {
    assertThatThrownBy(() -> Metrics.defaults().with("AUC", o -> kind -> Metrics.byName("auc", kind)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric 'AUC' is already registered (as 'auc'); choose another name");
  }

  @Test
  void aRegistryOtherThanTheDefaultsListsItsNamesForAnUnknownOne() {
    Registry<Metric.ForKind> mine = Metrics.defaults().with("lift", o -> kind -> Metrics.byName("auc", kind));
    assertThatThrownBy(() -> Metrics.byName(mine, "lfit", LabelKind.BINARY))
        .hasMessageStartingWith("unknown metric 'lfit'; known: [")
        .hasMessageEndingWith(", lift]");
  }

  @Test
  void theDefaultRegistryKeepsTheMessagesOfTheStaticLookup() {
    assertThatThrownBy(() -> Metrics.byName(Metrics.defaults(), "rsme", LabelKind.REGRESSION))
        .hasMessage("unknown metric 'rsme'; known for regression: [mse, rmse, mae, r2]");
    assertThat(Metrics.byName(Metrics.defaults(), "F1", LabelKind.MULTICLASS)).isEqualTo(
        Metrics.byName("f1", LabelKind.MULTICLASS));
  }
}
