package io.mtl4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.weighting.GramStandIn;
import io.mtl4j.weighting.LearnableParameters;
import io.mtl4j.weighting.RandomSource;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.solver.Gram;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * What every weighting promises the trainer, checked on a seeded stream of conflicting steps (3 tasks, 3 loss
 * samples, a [2, 6] representation, a loss history, losses after the step) driven as the trainer drives it:
 * <ul>
 *   <li>state round trip: {@code state()} restored on a fresh instance continues with identical steps;</li>
 *   <li>determinism: the same seed gives the same weights and a finite update of the shared size;</li>
 *   <li>requirements honoured: the method reads only what it declares ({@link GuardedContext}), and the loss scales
 *       it gives before the losses ({@code lossScalesBeforeLosses}) are the ones its combine returns;</li>
 *   <li>an inner-products-only method gives the same update on Gram stand-ins;</li>
 *   <li>on conflicting gradients the update is not equal weighting's.</li>
 * </ul>
 * The capability methods are read here and in {@link GuardedContext} only.
 */
public final class WeightingContract {
  public static final int TASKS = 3;
  private static final int SAMPLES = 3;
  private static final int BATCH = 2;
  private static final int WIDTH = 6;
  public static final int DIM = BATCH * WIDTH;
  /** Enough epochs for DWA's loss ratios and STCH's warm-up (4 by default) to take effect. */
  public static final int STEPS = 6;
  private static final double LEARNING_RATE = 0.1;

  private WeightingContract() {}

  /** The weights reported and the update of the last step of a run, with its context. */
  public record Run(double[] weights, double[] update, ReplayContext lastContext) {}

  public static void assertStateRoundTrip(Supplier<Weighting> factory, long seed) {
    Weighting original = factory.get();
    run(original, seed, 0, STEPS / 2);
    Weighting resumed = factory.get();
    resumed.restoreState(original.state());
    LearnableParameters learnable = original.learnable(TASKS);
    if (learnable.size() > 0) {
      resumed.learnable(TASKS).setValues(learnable.values().clone());
    }
    for (int step = STEPS / 2; step < STEPS; step++) {
      Run expected = run(original, seed, step, step + 1);
      Run actual = run(resumed, seed, step, step + 1);
      assertThat(actual.update()).as("update of step %d after restoreState", step).containsExactly(expected.update());
      assertThat(actual.weights()).as("weights of step %d after restoreState", step)
          .isEqualTo(expected.weights());
    }
  }

  public static void assertDeterministic(Supplier<Weighting> factory, long seed) {
    Run first = run(factory.get(), seed, 0, STEPS);
    Run second = run(factory.get(), seed, 0, STEPS);
    assertThat(second.weights()).isEqualTo(first.weights());
    assertThat(second.update()).containsExactly(first.update());
    assertThat(first.update()).hasSize(DIM);
    for (double v : first.update()) {
      assertThat(Double.isFinite(v)).as("finite update entry %s", v).isTrue();
    }
  }

  /** Every step runs on a context that fails on any read the method's declared requirements do not cover. */
  public static void assertRequirementsHonoured(Supplier<Weighting> factory, long seed) {
    Weighting method = factory.get();
    double[][] history = new double[TASKS][STEPS];
    for (int step = 0; step < STEPS; step++) {
      Inputs in = inputs(seed, step, history);
      double[] ahead = method.lossScalesBeforeLosses(TASKS);
      StepWeights w = method.combine(new GuardedContext(in.context(), method));
      assertThat(w).isNotNull();
      if (ahead != null) {
        assertThat(w.lossScales()).as("step %d: combine's loss scales, against lossScalesBeforeLosses", step)
            .containsExactly(ahead);
      }
      finishStep(method, in);
    }
  }

  /** For innerProductsOnly() methods: the update from T-dimensional stand-ins equals the one from [T, d]. */
  public static void assertSameUpdateOnGramStandIns(Supplier<Weighting> factory, long seed) {
    if (!factory.get().requirements().innerProductsOnly()) {
      return;
    }
    Weighting direct = factory.get();
    Weighting standIns = factory.get();
    double[][] history = new double[TASKS][STEPS];
    for (int step = 0; step < STEPS; step++) {
      Inputs in = inputs(seed, step, history);
      direct.combine(in.context());
      double[][] g = in.context().taskGradients(0);
      GramStandIn standIn = new GramStandIn(inputs(seed, step, history).context(), Gram.of(g));
      standIns.combine(standIn);
      double scale = GoldenCases.maxAbs(g);
      double[] expected = in.context().sharedGradient();
      double[] actual = Gram.combine(standIn.coefficients(), g);
      for (int k = 0; k < DIM; k++) {
        assertThat(actual[k]).as("step %d, update[%d]", step, k).isCloseTo(expected[k],
            org.assertj.core.api.Assertions.within(1e-7 * scale));
      }
    }
  }

  /** The last update differs from Σ_t g_t (equal weighting) by more than rounding. */
  public static void assertUpdatesDifferentlyFromEqualWeighting(Supplier<Weighting> factory, long seed) {
    Run run = run(factory.get(), seed, 0, STEPS);
    double[][] g = run.lastContext().taskGradients(0);
    double largest = 0.0;
    double scale = 0.0;
    for (int k = 0; k < DIM; k++) {
      double ew = 0;
      for (double[] row : g) {
        ew += row[k];
      }
      largest = Math.max(largest, Math.abs(run.update()[k] - ew));
      scale = Math.max(scale, Math.abs(ew));
    }
    assertThat(largest).as("max |update - EW update|").isGreaterThan(1e-6 * scale);
  }

  /** Steps [from, to) of the seeded stream on {@code method}, as the trainer drives them. */
  public static Run run(Weighting method, long seed, int from, int to) {
    double[][] history = new double[TASKS][STEPS];
    for (int step = 0; step < from; step++) {
      inputs(seed, step, history);
    }
    Run last = null;
    for (int step = from; step < to; step++) {
      Inputs in = inputs(seed, step, history);
      StepWeights w = method.combine(in.context());
      double[] update = WeightingDriver.update(method, w, in.context());
      finishStep(method, in);
      last = new Run(w.reported() == null ? null : w.reported().clone(), update, in.context());
    }
    return last;
  }

  /** The optimizer's part after combine: an SGD step on learnable parameters, then the losses after the step. */
  private static void finishStep(Weighting method, Inputs in) {
    LearnableParameters p = method.learnable(TASKS);
    if (p.hasGradient()) {
      for (int i = 0; i < p.size(); i++) {
        p.values()[i] -= LEARNING_RATE * p.gradients()[i];
      }
    }
    if (method.requirements().lossesAfterStep()) {
      method.afterStep(in.lossesAfter());
    }
  }

  private record Inputs(ReplayContext context, double[] lossesAfter) {}

  /**
   * Step {@code step} of the stream, a function of (seed, step) alone so that a resumed run sees the same inputs;
   * records the step's losses in column {@code step} of {@code history} (epoch = step).
   */
  private static Inputs inputs(long seed, int step, double[][] history) {
    SplittableRandom data = new SplittableRandom(seed * 1_000 + step);
    double[][] losses = new double[SAMPLES][];
    double[][][] grads = new double[SAMPLES][][];
    for (int s = 0; s < SAMPLES; s++) {
      losses[s] = WeightingDriver.losses(data, TASKS);
      grads[s] = WeightingDriver.conflictingGradients(data, TASKS, DIM);
    }
    ReplayContext ctx = new ReplayContext(losses, grads, step, step)
        .withLossHistory(history)
        .withRandom(RandomSource.seeded(seed * 31 + step))
        .withRepresentation(WeightingDriver.gaussians(data, DIM), new int[] {BATCH, WIDTH});
    double[] after = losses[0].clone();
    for (int t = 0; t < TASKS; t++) {
      after[t] *= 0.8 + 0.3 * data.nextDouble();
      history[t][step] = losses[0][t];
    }
    return new Inputs(ctx, after);
  }

  /** Convenience for parameterized tests: the options that make {@code name} differ from its EW-like default. */
  public static Map<String, ?> nonDefaultOptions(String name) {
    return name.equals("fixed") ? Map.of("weights", java.util.List.of(0.5, 1.0, 2.0)) : Map.of();
  }
}
