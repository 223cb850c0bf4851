package io.mtl4j.weighting;

/** Geometric loss strategy (Chennupati et al., "MultiNet++: Multi-Stream Feature Aggregation and Geometric Loss Strategy", CVPRW 2019). */
public final class GLS implements Weighting {

  @Override
  public Requirements requirements() { return Requirements.LOSSES; }

  /**
   * Objective (Π_t L_t)^{1/T}; m_t is its derivative, formed like autograd does (power rule times the product
   * rule) so a zero loss gives the same NaN/∞ pattern as LibMTL instead of a silent 0.
   */
  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[] losses = ctx.losses();
    int tasks = losses.length;
    double product = 1.0;
    for (double l : losses) {
      product *= l;
    }
    double outer = (1.0 / tasks) * Math.pow(product, 1.0 / tasks - 1.0);
    double[] partial = productPartials(losses, product);
    double[] m = new double[tasks];
    double[] reported = new double[tasks];
    for (int t = 0; t < tasks; t++) {
      m[t] = outer * partial[t];
      reported[t] = losses[t] / (tasks * product);
    }
    return new StepWeights(m, reported);
  }

  /** ∂Π/∂L_t: Π/L_t without zeros; with zeros, the product of the others (0 unless t is the only zero). */
  private static double[] productPartials(double[] losses, double product) {
    int n = losses.length;
    double[] partial = new double[n];
    int zeros = 0;
    for (double l : losses) {
      if (l == 0.0) {
        zeros++;
      }
    }
    for (int t = 0; t < n; t++) {
      if (zeros == 0) {
        partial[t] = product / losses[t];
      } else if (zeros == 1 && losses[t] == 0.0) {
        double others = 1.0;
        for (int s = 0; s < n; s++) {
          if (s != t) {
            others *= losses[s];
          }
        }
        partial[t] = others;
      }
    }
    return partial;
  }
}
