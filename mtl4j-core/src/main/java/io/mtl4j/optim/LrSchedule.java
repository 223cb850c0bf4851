package io.mtl4j.optim;

import io.mtl4j.config.Checks;
import java.io.Serializable;
import java.util.Objects;

/**
 * Learning-rate schedule as a multiplier of the optimizer's base rate ({@code Options.learningRate}): the step
 * that follows {@code step} completed steps (0 for the first) uses {@code learningRate × rate(step)}. Keeping the
 * base rate in the options means a sweep over learning rates keeps the schedule's shape unchanged.
 */
@FunctionalInterface
public interface LrSchedule extends Serializable { // a cluster's executors rebuild a run's optimizer with it

  /** Multiplier of the base learning rate for the step after {@code step} completed steps. */
  double rate(long step);

  /** Always 1. */
  static LrSchedule constant() {
    return new Constant();
  }

  /** {@code gamma^floor(step / everySteps)}: multiply by γ every N steps (torch StepLR). */
  static LrSchedule stepDecay(long everySteps, double gamma) {
    return new StepDecay(everySteps, gamma);
  }

  /**
   * Half-cosine from 1 down to {@code floor} over {@code totalSteps}, then {@code floor} (Loshchilov &amp; Hutter,
   * SGDR, Eq. 5 without restarts): {@code floor + (1 − floor)·(1 + cos(π·min(step, total)/total))/2}.
   */
  static LrSchedule cosine(long totalSteps, double floor) {
    return new Cosine(totalSteps, floor);
  }

  /**
   * Linear warm-up over the first {@code warmupSteps} steps wrapping {@code then}: {@code min(1, (step + 1) / W) ×
   * then.rate(step)}. The wrapped schedule sees the global step, so a cosine's total should count the warm-up too;
   * the first step uses 1/W of the rate rather than 0, which would waste it. {@code warmupSteps = 0} returns
   * {@code then}.
   */
  static LrSchedule warmup(long warmupSteps, LrSchedule then) {
    return warmupSteps == 0 ? Objects.requireNonNull(then, "then") : new Warmup(warmupSteps, then);
  }

  /** See {@link LrSchedule#constant()}. */
  record Constant() implements LrSchedule {
    @Override
    public double rate(long step) {
      return 1.0;
    }
  }

  /** See {@link LrSchedule#stepDecay(long, double)}. */
  record StepDecay(long everySteps, double gamma) implements LrSchedule {
    public StepDecay {
      Checks.atLeast("LrSchedule.StepDecay", "everySteps", everySteps, 1);
      Checks.fraction("LrSchedule.StepDecay", "gamma", gamma);
    }

    @Override
    public double rate(long step) {
      return Math.pow(gamma, (double) (Math.max(step, 0) / everySteps));
    }
  }

  /** See {@link LrSchedule#cosine(long, double)}. */
  record Cosine(long totalSteps, double floor) implements LrSchedule {
    public Cosine {
      Checks.atLeast("LrSchedule.Cosine", "totalSteps", totalSteps, 1);
      if (!(floor >= 0 && floor <= 1)) {
        throw new IllegalArgumentException("LrSchedule.Cosine: floor = " + floor + ", expected a value in [0, 1]");
      }
    }

    @Override
    public double rate(long step) {
      double progress = (double) Math.min(Math.max(step, 0), totalSteps) / totalSteps;
      return floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }

  /** See {@link LrSchedule#warmup(long, LrSchedule)}. */
  record Warmup(long warmupSteps, LrSchedule then) implements LrSchedule {
    public Warmup {
      Checks.atLeast("LrSchedule.Warmup", "warmupSteps", warmupSteps, 1);
      Objects.requireNonNull(then, "LrSchedule.Warmup: then");
    }

    @Override
    public double rate(long step) {
      double ramp = step + 1 >= warmupSteps ? 1.0 : (double) (Math.max(step, 0) + 1) / warmupSteps;
      return ramp * then.rate(step);
    }
  }
}
