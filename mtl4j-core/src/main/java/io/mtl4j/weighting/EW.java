package io.mtl4j.weighting;

import java.util.Arrays;

/** Equal weighting: the plain sum of task losses (LibMTL's EW; every task weight is 1). */
public final class EW implements Weighting {
  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  /** The scales are fixed: {@link #combine} never looks at the losses. */
  @Override
  public boolean readsLosses() { return false; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[] ones = new double[ctx.taskCount()];
    Arrays.fill(ones, 1.0);
    return new StepWeights(ones, ones.clone());
  }
}
