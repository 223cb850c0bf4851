package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThreadLimitTest {
  @Test
  void trainingConfigRefusesMoreThreadsThanTheLimitNamingTheKey() {
    assertThatThrownBy(() -> TrainingConfig.builder().threads(100_000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("training.threads = 100000, expected at most " + ThreadLimit.max());
  }

  @Test
  void trainingConfigAcceptsTheLimitItself() {
    assertThat(TrainingConfig.builder().threads(ThreadLimit.max()).build().threads()).isEqualTo(ThreadLimit.max());
  }

  @Test
  void limitIsAFewThreadsPerAvailableProcessor() {
    assertThat(ThreadLimit.max()).isEqualTo(ThreadLimit.PER_PROCESSOR * Runtime.getRuntime().availableProcessors());
    assertThatThrownBy(() -> ThreadLimit.check("classical.threads", 0)).hasMessage("classical.threads = 0, expected an integer > 0");
    assertThatThrownBy(() -> ThreadLimit.check("classical.threads", ThreadLimit.max() + 1))
        .hasMessageStartingWith("classical.threads = " + (ThreadLimit.max() + 1) + ", expected at most");
  }
}
