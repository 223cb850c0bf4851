package io.mtl4j.autodiff;

import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * The Gumbel-softmax relaxation of a categorical draw (Jang, Gu &amp; Poole, ICLR 2017): y = softmax((logits + g)/τ)
 * over the last axis, with g ~ Gumbel(0, 1). The hard variant (PyTorch's {@code gumbel_softmax(hard=True)}, which
 * LibMTL's LTB uses) returns the one-hot of the argmax going forward and passes the gradient of the soft y back
 * (straight-through), so a network can select one branch while its selection logits still learn.
 */
public final class GumbelSoftmax {
  private GumbelSoftmax() {}

  /** Gumbel(0, 1) draws −log(−log U) of the given shape. */
  public static Tensor noise(SplittableRandom random, int... shape) {
    Tensor g = Tensor.zeros(shape);
    for (int i = 0; i < g.size(); i++) {
      // U in (0, 1): nextDouble() may return 0, whose log is −∞.
      double u = Math.max(random.nextDouble(), Double.MIN_NORMAL);
      g.set(i, (float) -Math.log(-Math.log(u)));
    }
    return g;
  }

  /**
   * softmax((logits + noise)/τ) over axis 1 of {@code logits} [N, K].
   *
   * @param noise       [N, K], e.g. {@link #noise}; zeros give the plain tempered softmax
   * @param temperature τ &gt; 0
   * @param hard        one-hot forward, soft gradient back
   */
  public static Var sample(Var logits, Tensor noise, float temperature, boolean hard) {
    if (!(temperature > 0) || Float.isInfinite(temperature)) {
      throw new IllegalArgumentException("gumbel-softmax: temperature = " + temperature + ", expected a finite value > 0");
    }
    Tensor x = logits.value();
    if (x.rank() != 2 || !java.util.Arrays.equals(x.shape(), noise.shape())) {
      throw new IllegalArgumentException("gumbel-softmax: logits " + java.util.Arrays.toString(x.shape()) + " and noise "
          + java.util.Arrays.toString(noise.shape()) + ": expected equal shapes [N, K]");
    }
    Var soft = Softmax.softmax(Elementwise.scale(Elementwise.add(logits, logits.tape().constant(noise)),
        1f / temperature), 1);
    return hard ? straightThrough(soft) : soft;
  }

  /** One-hot of each row's argmax (the first on ties) going forward; the gradient reaches {@code soft} unchanged. */
  static Var straightThrough(Var soft) {
    Tensor s = soft.value();
    Tape tape = soft.tape();
    int rows = s.dim(0), k = s.dim(1);
    Tensor y = tape.alloc(s.shape());
    for (int r = 0; r < rows; r++) {
      int best = 0;
      for (int j = 1; j < k; j++) if (s.get(r * k + j) > s.get(r * k + best)) best = j;
      for (int j = 0; j < k; j++) y.set(r * k + j, j == best ? 1f : 0f);
    }
    return tape.record(y, g -> {
      Tensor d = tape.grad(soft);
      for (int i = 0; i < rows * k; i++) d.set(i, d.get(i) + g.get(i));
    }, soft);
  }
}
