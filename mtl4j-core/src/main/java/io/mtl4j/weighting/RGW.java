package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;

/** Random gradient weighting (Lin et al., "Reasonable Effectiveness of Random Weighting", TMLR 2022). */
public final class RGW implements Weighting {

  /** The update is Σ_t w_t g_t with w drawn independently of the gradients, so Gram stand-ins serve as well. */
  @Override
  public Requirements requirements() {
    return Requirements.INNER_PRODUCTS;
  }

  /** w = softmax(z), z ~ N(0, I_T) drawn afresh each step; where RLW weights the losses, RGW weights the gradients. */
  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] grads = ctx.taskGradients();
    RandomSource random = ctx.random();
    double[] z = new double[grads.length];
    for (int t = 0; t < z.length; t++) {
      z[t] = random.nextGaussian();
    }
    double[] w = Vectors.softmax(z);
    Gram.combine(w, grads, ctx.sharedGradient());
    // LibMTL leaves each head with its own unweighted loss gradient.
    return new StepWeights(null, w);
  }
}
