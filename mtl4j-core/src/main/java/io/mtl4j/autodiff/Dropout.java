package io.mtl4j.autodiff;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;

/** Inverted dropout (Srivastava et al. 2014): zero each element with probability p, scale the rest by 1/(1−p). */
public final class Dropout {
  private Dropout() {}

  public static Var apply(Var x, double p, SplittableRandom random) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("dropout: p = " + p + ", expected 0 ≤ p < 1");
    }
    if (p == 0) return x;
    Tensor xv = x.value;
    Tape tape = x.tape;
    int n = xv.size();
    Tensor y = tape.alloc(xv.shape());
    Tensor mask = tape.alloc(xv.shape());
    float keep = (float) (1 / (1 - p));
    float[] xd = xv.data(), yd = y.data(), m = mask.data();
    int xo = xv.offset();
    for (int i = 0; i < n; i++) {
      m[i] = random.nextDouble() < p ? 0f : keep;
      yd[i] = xd[xo + i] * m[i];
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] d = dx.data(), gd = g.data();
      int o = dx.offset(), go = g.offset();
      for (int i = 0; i < n; i++) d[o + i] += gd[go + i] * m[i];
    }, x);
  }
}
