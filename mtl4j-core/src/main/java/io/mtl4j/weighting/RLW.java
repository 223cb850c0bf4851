package io.mtl4j.weighting;

/** Random loss weighting (Lin et al., "Reasonable Effectiveness of Random Weighting", TMLR 2022). */
public final class RLW implements Weighting {

  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    int tasks = ctx.taskCount();
    RandomSource random = ctx.random();
    double[] z = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      z[t] = random.nextGaussian();
    }
    return StepWeights.of(Vectors.softmax(z));
  }
}
