package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/** Layer normalisation over the last axis (Ba et al. 2016) with a learned gain and bias. */
public final class Norm {
  private Norm() {}

  /** x [.., D], gamma [D], beta [D] → [.., D]. */
  public static Var layerNorm(Var x, Var gamma, Var beta, float eps) {
    Tensor xv = x.value;
    int d = xv.dim(-1), rows = xv.size() / d;
    if (gamma.value.size() != d || beta.value.size() != d) {
      throw new IllegalArgumentException("layerNorm: gain " + Shapes.format(gamma.value.shape()) + " / bias "
          + Shapes.format(beta.value.shape()) + " do not match last dim " + d + " of " + Shapes.format(xv.shape()));
    }
    Tape tape = x.tape;
    Tensor y = tape.alloc(xv.shape());
    Tensor xhat = tape.alloc(xv.shape());
    Tensor invStd = tape.alloc(rows);
    float[] xd = xv.data(), yd = y.data(), h = xhat.data(), is = invStd.data();
    float[] gm = gamma.value.data(), bt = beta.value.data();
    int xo = xv.offset(), gmo = gamma.value.offset(), bto = beta.value.offset();
    for (int r = 0; r < rows; r++) {
      int base = r * d;
      double mean = 0, var = 0;
      for (int j = 0; j < d; j++) mean += xd[xo + base + j];
      mean /= d;
      for (int j = 0; j < d; j++) {
        double c = xd[xo + base + j] - mean;
        var += c * c;
      }
      float inv = (float) (1 / Math.sqrt(var / d + eps));
      is[r] = inv;
      for (int j = 0; j < d; j++) {
        h[base + j] = (float) ((xd[xo + base + j] - mean) * inv);
        yd[base + j] = h[base + j] * gm[gmo + j] + bt[bto + j];
      }
    }
    return tape.record(y, g -> {
      float[] gd = g.data();
      int go = g.offset();
      if (gamma.requiresGrad || beta.requiresGrad) {
        Tensor dg = gamma.requiresGrad ? tape.grad(gamma) : null, db = beta.requiresGrad ? tape.grad(beta) : null;
        for (int r = 0; r < rows; r++) {
          for (int j = 0; j < d; j++) {
            float gv = gd[go + r * d + j];
            if (dg != null) dg.data()[dg.offset() + j] += gv * h[r * d + j];
            if (db != null) db.data()[db.offset() + j] += gv;
          }
        }
      }
      if (x.requiresGrad) {
        Tensor dx = tape.grad(x);
        float[] dxd = dx.data();
        int o = dx.offset();
        for (int r = 0; r < rows; r++) {
          // dx = inv/D · (D·dĥ − Σdĥ − x̂·Σ(dĥ⊙x̂)), dĥ = dy ⊙ γ
          double sum = 0, dot = 0;
          for (int j = 0; j < d; j++) {
            double dh = gd[go + r * d + j] * gm[gmo + j];
            sum += dh;
            dot += dh * h[r * d + j];
          }
          float inv = is[r];
          for (int j = 0; j < d; j++) {
            double dh = gd[go + r * d + j] * gm[gmo + j];
            dxd[o + r * d + j] += (float) (inv / d * (d * dh - sum - h[r * d + j] * dot));
          }
        }
      }
    }, x, gamma, beta);
  }
}
