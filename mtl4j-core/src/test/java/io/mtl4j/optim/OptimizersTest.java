package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizersTest {

  @Test
  void registersEveryOptimizerUnderItsOwnName() {
    assertThat(Optimizers.names()).containsExactly("sgd", "adam", "adamw");
    for (String name : Optimizers.names()) {
      assertThat(Optimizers.create(name).name()).isEqualTo(name);
    }
  }

  @Test
  void looksUpNamesCaseInsensitively() {
    assertThat(Optimizers.create("AdamW")).isInstanceOf(AdamW.class);
  }

  @Test
  void passesOptionsByRecordComponentName() {
    Optimizer sgd = Optimizers.create("SGD",
        Map.of("learningRate", 0.5, "momentum", 0.9, "nesterov", true), LrSchedule.constant());
    assertThat(((SGD) sgd).options()).isEqualTo(new SGD.Options(0.5, 0.9, 0, true));
    Optimizer adam = Optimizers.create("adam", Map.of("beta2", 0.99, "weightDecay", 1), LrSchedule.constant());
    assertThat(((Adam) adam).options()).isEqualTo(new Adam.Options(1e-3, 0.9, 0.99, 1e-8, 1));
  }

  @Test
  void rejectsUnknownNamesListingTheKnownOnes() {
    assertThatThrownBy(() -> Optimizers.create("adan"))
        .hasMessage("unknown optimizer 'adan'; known: [sgd, adam, adamw]");
  }

  @Test
  void rejectsUnknownOrMistypedOptions() {
    assertThatThrownBy(() -> Optimizers.create("adam", Map.of("lr", 0.1), LrSchedule.constant()))
        .hasMessage("optimizer.adam: unknown option 'lr'; known: [beta1, beta2, epsilon, learningRate, weightDecay]");
    assertThatThrownBy(() -> Optimizers.create("sgd", Map.of("nesterov", "yes"), LrSchedule.constant()))
        .hasMessage("optimizer.sgd.nesterov = 'yes': expected true or false");
    assertThatThrownBy(() -> Optimizers.create("adamw", Map.of("learningRate", -1), LrSchedule.constant()))
        .hasMessage("optimizer.adamw: AdamW.Options: learningRate = -1.0, expected a finite value > 0");
  }
}
