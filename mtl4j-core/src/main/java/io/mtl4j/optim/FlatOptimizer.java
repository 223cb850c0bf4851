package io.mtl4j.optim;

import java.util.Objects;

/**
 * What SGD, Adam and AdamW share: the schedule, the step counter and the flat state arrays with their export for
 * checkpoints. A subclass supplies its update loop.
 */
abstract class FlatOptimizer implements Optimizer {
  private final LrSchedule schedule;
  final FlatState state;

  FlatOptimizer(LrSchedule schedule, String... arrays) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.state = new FlatState(name(), arrays);
  }

  /** The one range of a {@link #step(float[], float[], int, int)}, reused so that a step allocates nothing. */
  private final int[][] single = {{0, 0}};

  @Override
  public void step(float[] params, float[] grads, int from, int to) {
    single[0][0] = from;
    single[0][1] = to;
    step(params, grads, single);
  }

  /** The base learning rate of the options, before the schedule. */
  abstract double baseLearningRate();

  @Override
  public long steps() {
    return state.steps();
  }

  @Override
  public double learningRate() {
    return baseLearningRate() * schedule.rate(state.steps());
  }

  @Override
  public OptimizerState state() {
    return state.export();
  }

  @Override
  public void restore(OptimizerState saved) {
    state.restore(saved);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + options() + " " + schedule;
  }

  abstract Record options();
}
