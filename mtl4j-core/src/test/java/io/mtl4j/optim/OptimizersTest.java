package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  private static final Map<String, Object> DECAYING = Map.of("learningRate", 0.1, "weightDecay", 0.05);

  /** Values outside the ranges stepped, and their state, stay exactly as they were: the trainer's freezing mask. */
  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam", "adamw"})
  void stepsOnlyTheGivenRangesWeightDecayIncluded(String name) {
    SplittableRandom random = new SplittableRandom(3);
    float[] params = new float[20], grads = new float[20];
    for (int i = 0; i < 20; i++) {
      params[i] = (float) random.nextGaussian();
      grads[i] = (float) random.nextGaussian();
    }
    float[] before = params.clone();
    Optimizer o = Optimizers.create(name, DECAYING, LrSchedule.constant());
    int[][] ranges = {{0, 5}, {12, 20}};
    for (int s = 0; s < 3; s++) o.step(params, grads, ranges);
    for (int i = 5; i < 12; i++) assertThat(params[i]).as("masked value %d", i).isEqualTo(before[i]);
    for (int i : new int[] {0, 4, 12, 19}) assertThat(params[i]).as("stepped value %d", i).isNotEqualTo(before[i]);
    o.state().arrays().forEach((array, values) -> {
      for (int i = 5; i < 12; i++) assertThat(values[i]).as("%s[%d]", array, i).isZero();
    });
    assertThat(o.steps()).isEqualTo(3);
  }

  /** Splitting the buffer into ranges changes nothing: one counter advance per step, the same loop per value. */
  @ParameterizedTest
  @ValueSource(strings = {"sgd", "adam", "adamw"})
  void aStepOverAdjacentRangesEqualsOneStepOverTheirUnion(String name) {
    float[] a = new float[16], b = new float[16], grads = new float[16];
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 16; i++) {
      a[i] = b[i] = (float) random.nextGaussian();
      grads[i] = (float) random.nextGaussian();
    }
    Optimizer whole = Optimizers.create(name, DECAYING, LrSchedule.constant());
    Optimizer split = Optimizers.create(name, DECAYING, LrSchedule.constant());
    for (int s = 0; s < 3; s++) {
      whole.step(a, grads, 0, 16);
      split.step(b, grads, new int[][] {{0, 7}, {7, 16}});
    }
    assertThat(b).containsExactly(a);
  }

  @Test
  void rejectsOverlappingOrUnorderedRanges() {
    Optimizer o = Optimizers.create("sgd");
    assertThatThrownBy(() -> o.step(new float[8], new float[8], new int[][] {{0, 5}, {4, 8}}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range [from, to) = [4, 8) is not inside params of length 8 after the previous range's end 5");
  }
}
