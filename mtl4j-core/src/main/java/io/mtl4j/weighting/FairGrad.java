package io.mtl4j.weighting;

import io.mtl4j.weighting.solver.Gram;
import io.mtl4j.weighting.solver.ReciprocalSystem;
import java.util.Arrays;

/** FairGrad: Ban &amp; Ji, "Fair Resource Allocation in Multi-Task Learning", ICML 2024. */
public final class FairGrad implements Weighting {

  /** @param alpha fairness exponent α of the α-fair utility (Eq. 5); LibMTL default 1.0 (proportional fairness) */
  public record Options(double alpha) {
    public static final Options DEFAULTS = new Options(1.0);

    public Options {
      if (!(alpha > 0) || Double.isInfinite(alpha)) {
        throw new IllegalArgumentException("alpha: " + alpha + "; expected a finite value > 0");
      }
    }
  }

  private final Options options;

  public FairGrad() {
    this(Options.DEFAULTS);
  }

  public FairGrad(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  @Override
  public Requirements requirements() { return Requirements.INNER_PRODUCTS; }

  @Override
  public StepWeights combine(WeightingContext ctx) {
    double[][] grads = ctx.taskGradients();
    int t = grads.length;
    double[] start = new double[t];
    Arrays.fill(start, 1.0 / t);
    // Weights solve G Gᵀ w = w^(-1/α) (Eq. 7); LibMTL finds the same root by least squares from 1/T.
    double[] weights = ReciprocalSystem.solve(Gram.of(grads), options.alpha(), start);
    Gram.combine(weights, grads, ctx.sharedGradient());
    // LibMTL back-propagates Σ w_t L_t, so every head sees its loss scaled by w_t.
    return new StepWeights(weights.clone(), weights);
  }
}
