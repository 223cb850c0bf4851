package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.train.EngineOptions.Strategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineOptionsTest {
  @ParameterizedTest
  @CsvSource({"sync, SYNC", "SYNC, SYNC", "averaging, AVERAGING", "Averaging, AVERAGING", "barrier, BARRIER"})
  void strategiesAreNamedAsOnTheCommandLine(String name, Strategy expected) {
    assertThat(Strategy.named(name)).isEqualTo(expected);
    assertThat(Strategy.named(expected.toString())).isEqualTo(expected);
  }

  @Test
  void anUnknownStrategyIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> Strategy.named("hogwild")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--strategy hogwild: expected sync, averaging or barrier");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void averagingNeedsAtLeastOneLocalStep(int k) {
    assertThatThrownBy(() -> new EngineOptions(null, Strategy.AVERAGING, k))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("--local-steps " + k + ": expected ≥ 1");
  }

  @ParameterizedTest
  @CsvSource({"2, SYNC", "8, SYNC", "2, BARRIER"})
  void localStepsAreRefusedForSynchronousTraining(int k, Strategy strategy) {
    assertThatThrownBy(() -> new EngineOptions("local[2]", strategy, k))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--local-steps applies to --strategy averaging");
  }

  @Test
  void syncIsOneStepBetweenExchangesOnTheGivenMaster() {
    assertThat(EngineOptions.sync("local[2]")).isEqualTo(new EngineOptions("local[2]", Strategy.SYNC, 1));
  }
}
