package io.mtl4j.autodiff;

import io.mtl4j.tensor.Tensor;

/**
 * The gradient-reversal layer (Ganin &amp; Lempitsky, ICML 2015): the identity going forward, −λ times the gradient
 * going back, so one backward pass trains a discriminator to tell tasks apart and the features under it to fool it.
 */
public final class GradientReversal {
  private GradientReversal() {}

  /** y = x; ∂L/∂x = −λ·∂L/∂y. */
  public static Var apply(Var x, float lambda) {
    if (!(lambda >= 0) || Float.isInfinite(lambda)) {
      throw new IllegalArgumentException("gradient reversal: lambda = " + lambda + ", expected a finite value >= 0");
    }
    Tensor xv = x.value;
    Tape tape = x.tape;
    int n = xv.size();
    Tensor y = tape.alloc(xv.shape());
    System.arraycopy(xv.data(), xv.offset(), y.data(), y.offset(), n);
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] d = dx.data(), gd = g.data();
      int o = dx.offset(), go = g.offset();
      for (int i = 0; i < n; i++) d[o + i] -= lambda * gd[go + i];
    }, x);
  }
}
