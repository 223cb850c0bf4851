package io.mtl4j.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void returnsValidValuesUnchanged() {
    assertThat(Checks.positive("O", "x", 2.5)).isEqualTo(2.5);
    assertThat(Checks.nonNegative("O", "x", 0)).isEqualTo(0);
    assertThat(Checks.unitInterval("O", "x", 0)).isEqualTo(0);
    assertThat(Checks.fraction("O", "x", 1)).isEqualTo(1);
    assertThat(Checks.atLeast("O", "x", 3, 1)).isEqualTo(3);
    assertThat(Checks.layerSizes("O", "hidden", new int[0])).isEmpty();
  }

  @Test
  void namesOwnerParameterValueAndExpectation() {
    assertThatThrownBy(() -> Checks.positive("L21.Options", "lambda", Double.POSITIVE_INFINITY))
        .hasMessage("L21.Options: lambda = Infinity, expected a finite value > 0");
    assertThatThrownBy(() -> Checks.nonNegative("O", "x", Double.NaN)).hasMessage("O: x = NaN, expected a finite value >= 0");
    assertThatThrownBy(() -> Checks.unitInterval("mmoe", "dropout", 1)).hasMessage("mmoe: dropout = 1.0, expected a value in [0, 1)");
    assertThatThrownBy(() -> Checks.fraction("O", "gamma", 0)).hasMessage("O: gamma = 0.0, expected a value in (0, 1]");
    assertThatThrownBy(() -> Checks.atLeast("O", "n", 0, 1)).hasMessage("O: n = 0, expected >= 1");
    assertThatThrownBy(() -> Checks.notNull("O", "loss", null)).hasMessage("O: loss is missing");
    assertThatThrownBy(() -> Checks.layerSizes("head", "hidden", new int[] {8, 0}))
        .hasMessage("head: hidden = [8, 0], expected layer sizes > 0");
  }
}
