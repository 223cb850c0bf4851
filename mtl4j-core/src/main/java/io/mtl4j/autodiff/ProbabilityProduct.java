package io.mtl4j.autodiff;

import io.mtl4j.tensor.Tensor;
import java.util.Arrays;

/**
 * The logit of a product of probabilities, z = logit(Π_i σ(a_i)), from the factors' logits: ESMM's
 * pCTCVR = pCTR × pCVR (Ma et al., SIGIR 2018, eq. 2) as a logit, so an ordinary binary loss, metric and prediction
 * read a chained task like any other. Computed in log space: with s = Σ_i log σ(a_i), z = s − log(1 − e^s).
 */
public final class ProbabilityProduct {
  /**
   * s is kept below this so that 1 − e^s stays representable: a product of probabilities within 1e−30 of 1 (only
   * reached with logits beyond ~69) is taken as 1 − 1e−30, capping z near 69.
   */
  static final double MAX_LOG_PRODUCT = -1e-30;

  private ProbabilityProduct() {}

  /** Element-wise over same-shaped factor logits; ∂z/∂a_i = σ(−a_i) / (1 − e^s). */
  public static Var logit(Var... factors) {
    if (factors.length < 2) {
      throw new IllegalArgumentException("probability product: " + factors.length + " factor(s), expected ≥ 2");
    }
    Tensor first = factors[0].value;
    for (Var f : factors) {
      if (!Arrays.equals(f.value.shape(), first.shape())) {
        throw new IllegalArgumentException("probability product: factor shapes " + Arrays.toString(first.shape())
            + " and " + Arrays.toString(f.value.shape()) + " differ");
      }
    }
    int n = first.size();
    double[] logProduct = new double[n];
    for (Var f : factors) {
      for (int i = 0; i < n; i++) logProduct[i] -= softplus(-f.value.get(i));
    }
    Tape tape = factors[0].tape;
    Tensor y = tape.alloc(first.shape());
    double[] scale = new double[n];
    for (int i = 0; i < n; i++) {
      double s = Math.min(logProduct[i], MAX_LOG_PRODUCT);
      double oneMinus = -Math.expm1(s); // 1 − Π σ(a_i), accurate when the product is near 1
      y.set(i, (float) (s - Math.log(oneMinus)));
      scale[i] = 1 / oneMinus;
    }
    return tape.record(y, g -> {
      for (Var f : factors) {
        if (!f.requiresGrad) continue;
        Tensor d = tape.grad(f);
        for (int i = 0; i < n; i++) {
          d.set(i, d.get(i) + (float) (g.get(i) * scale[i] * sigmoid(-f.value.get(i))));
        }
      }
    }, factors);
  }

  /** log(1 + e^x) without overflow. */
  private static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  private static double sigmoid(double x) {
    return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
  }
}
