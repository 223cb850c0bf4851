package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Linear mixing of T column blocks by one [T, T] matrix (the cross-stitch unit): out[b, t-block] = Σ_s α[t,s] ·
 * x[b, s-block]. One op over all blocks instead of T² scaled adds.
 */
public final class BlockMix {
  private BlockMix() {}

  /** x [B, T·H], alpha [T, T] → [B, T·H]. */
  public static Var mix(Var x, Var alpha) {
    Tensor xv = x.value, av = alpha.value;
    Shapes.requireMatrix("blockMix", xv);
    Shapes.requireMatrix("blockMix", av);
    int t = av.dim(0);
    if (av.dim(1) != t || xv.dim(1) % t != 0) {
      throw new IllegalArgumentException("blockMix: x " + Shapes.format(xv.shape()) + " and alpha "
          + Shapes.format(av.shape()) + ": need [B, T·H] and [T, T]");
    }
    int b = xv.dim(0), h = xv.dim(1) / t, width = t * h;
    float[] xd = xv.data(), a = av.data();
    int xo = xv.offset(), ao = av.offset();
    Tape tape = x.tape;
    Tensor y = tape.zeros(b, width);
    float[] yd = y.data();
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < t; i++) {
        for (int s = 0; s < t; s++) {
          float c = a[ao + i * t + s];
          int src = xo + r * width + s * h, dst = r * width + i * h;
          for (int j = 0; j < h; j++) yd[dst + j] += c * xd[src + j];
        }
      }
    }
    return tape.record(y, g -> {
      float[] gd = g.data();
      int go = g.offset();
      if (x.requiresGrad) {
        Tensor dx = tape.grad(x);
        float[] d = dx.data();
        int o = dx.offset();
        for (int r = 0; r < b; r++) {
          for (int i = 0; i < t; i++) {
            for (int s = 0; s < t; s++) {
              float c = a[ao + i * t + s];
              int src = go + r * width + i * h, dst = o + r * width + s * h;
              for (int j = 0; j < h; j++) d[dst + j] += c * gd[src + j];
            }
          }
        }
      }
      if (alpha.requiresGrad) {
        Tensor da = tape.grad(alpha);
        for (int i = 0; i < t; i++) {
          for (int s = 0; s < t; s++) {
            double acc = 0;
            for (int r = 0; r < b; r++) {
              acc += Mixture.dot(gd, go + r * width + i * h, xd, xo + r * width + s * h, h);
            }
            da.data()[da.offset() + i * t + s] += (float) acc;
          }
        }
      }
    }, x, alpha);
  }
}
