package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptimizerStateTest {

  static Stream<Arguments> optimizers() {
    LrSchedule schedule = LrSchedule.warmup(2, LrSchedule.cosine(10, 0.1));
    return Stream.of(
        Arguments.of("sgd", (Supplier<Optimizer>) () -> new SGD(SGD.Options.of(0.1), schedule)),
        Arguments.of("sgd-nesterov",
            (Supplier<Optimizer>) () -> new SGD(SGD.Options.of(0.1).withMomentum(0.9, true).withWeightDecay(1e-3),
                schedule)),
        Arguments.of("adam", (Supplier<Optimizer>) () -> new Adam(Adam.Options.defaults().withWeightDecay(0.01),
            schedule)),
        Arguments.of("adamw", (Supplier<Optimizer>) () -> new AdamW(AdamW.Options.defaults(), schedule)));
  }

  private static float[] randomVector(SplittableRandom rng, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optimizers")
  void restoredOptimizerContinuesBitIdentically(String label, Supplier<Optimizer> factory) {
    SplittableRandom rng = new SplittableRandom(42);
    int n = 29;
    float[][] grads = new float[6][];
    for (int s = 0; s < grads.length; s++) {
      grads[s] = randomVector(rng, n);
    }
    float[] p = randomVector(rng, n);
    Optimizer original = factory.get();
    for (int s = 0; s < 3; s++) {
      original.step(p, grads[s].clone());
    }
    OptimizerState checkpoint = original.state();
    float[] resumed = p.clone();
    for (int s = 3; s < 6; s++) {
      original.step(p, grads[s].clone());
    }

    Optimizer copy = factory.get();
    copy.restore(checkpoint);
    assertThat(copy.steps()).isEqualTo(3);
    for (int s = 3; s < 6; s++) {
      copy.step(resumed, grads[s].clone());
    }
    assertThat(resumed).containsExactly(p);
    assertThat(copy.state()).isEqualTo(original.state());
  }

  @Test
  void exportedStateIsACopy() {
    Adam adam = new Adam(Adam.Options.defaults());
    float[] p = {1, 2};
    adam.step(p, new float[] {1, 1});
    OptimizerState saved = adam.state();
    float m0 = saved.arrays().get("m")[0];
    adam.step(p, new float[] {5, 5});
    assertThat(saved.arrays().get("m")[0]).isEqualTo(m0);
    assertThat(saved.arrays().keySet()).containsExactly("m", "v");
    assertThat(saved.step()).isEqualTo(1);
  }

  @Test
  void stateBeforeTheFirstStepRestoresToAFreshOptimizer() {
    OptimizerState empty = new AdamW(AdamW.Options.defaults()).state();
    assertThat(empty.arrays()).isEmpty();
    AdamW restored = new AdamW(AdamW.Options.defaults());
    restored.restore(empty);
    float[] a = {1, 2};
    float[] b = {1, 2};
    restored.step(a, new float[] {0.3f, -0.4f});
    new AdamW(AdamW.Options.defaults()).step(b, new float[] {0.3f, -0.4f});
    assertThat(a).containsExactly(b);
  }

  @Test
  void rejectsAnotherOptimizersState() {
    Adam adam = new Adam(Adam.Options.defaults());
    adam.step(new float[2], new float[] {1, 1});
    SGD sgd = new SGD(SGD.Options.of(0.1).withMomentum(0.9, false));
    assertThatThrownBy(() -> sgd.restore(adam.state()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot restore a 'adam' state into sgd");
  }
}
