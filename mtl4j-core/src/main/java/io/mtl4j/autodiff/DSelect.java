package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * The DSelect-k gate (Hazimeh et al., NeurIPS 2021): k differentiable selectors, each picking one of E = 2^m experts
 * through m smooth-step "bits", combined by softmax weights (Eq. 4–6), fused into one op.
 */
public final class DSelect {
  private DSelect() {}

  /** The cubic smooth-step S_γ (Eq. 3): 0 below −γ/2, 1 above γ/2, a C¹ cubic in between. */
  public static float smoothStep(float t, float gamma) {
    if (t <= -gamma / 2) return 0f;
    if (t >= gamma / 2) return 1f;
    return -2f / (gamma * gamma * gamma) * t * t * t + 1.5f / gamma * t + 0.5f;
  }

  static float smoothStepSlope(float t, float gamma) {
    if (t <= -gamma / 2 || t >= gamma / 2) return 0f;
    return -6f / (gamma * gamma * gamma) * t * t + 1.5f / gamma;
  }

  /**
   * Gate weights over the experts.
   *
   * @param logits  selector logits z [B, k·m]: selector i's bits are columns i·m .. i·m+m−1
   * @param weights selector weights [B, k] (already a softmax over the k selectors)
   * @param experts E = 2^m
   * @return [B, E], each row Σ_i w_i · r(z_i) where r(z)_e = Π_j (S(z_j) if bit j of e is set, else 1 − S(z_j))
   */
  public static Var gate(Var logits, Var weights, int experts, float gamma) {
    Tensor zv = logits.value, wv = weights.value;
    Shapes.requireMatrix("dselect", zv);
    Shapes.requireMatrix("dselect", wv);
    int m = bits(experts);
    int b = zv.dim(0), k = wv.dim(1);
    if (wv.dim(0) != b || zv.dim(1) != k * m) {
      throw new IllegalArgumentException("dselect: logits " + Shapes.format(zv.shape()) + " and weights "
          + Shapes.format(wv.shape()) + ": need [B, k·" + m + "] and [B, k] for " + experts + " experts");
    }
    if (!(gamma > 0)) throw new IllegalArgumentException("dselect: gamma = " + gamma + ", expected > 0");
    Tape tape = logits.tape;
    float[] s = new float[b * k * m];
    float[] z = zv.data(), w = wv.data();
    int zo = zv.offset(), wo = wv.offset();
    for (int i = 0; i < s.length; i++) s[i] = smoothStep(z[zo + i], gamma);
    Tensor y = tape.zeros(b, experts);
    float[] yd = y.data();
    for (int r = 0; r < b; r++) {
      for (int i = 0; i < k; i++) {
        float wi = w[wo + r * k + i];
        int so = (r * k + i) * m;
        for (int e = 0; e < experts; e++) yd[r * experts + e] += wi * select(s, so, m, e, -1);
      }
    }
    return tape.record(y, g -> {
      float[] gd = g.data();
      int go = g.offset();
      Tensor dz = logits.requiresGrad ? tape.grad(logits) : null;
      Tensor dw = weights.requiresGrad ? tape.grad(weights) : null;
      for (int r = 0; r < b; r++) {
        for (int i = 0; i < k; i++) {
          int so = (r * k + i) * m;
          float wi = w[wo + r * k + i];
          if (dw != null) {
            float acc = 0f;
            for (int e = 0; e < experts; e++) acc += gd[go + r * experts + e] * select(s, so, m, e, -1);
            dw.data()[dw.offset() + r * k + i] += acc;
          }
          if (dz == null) continue;
          for (int j = 0; j < m; j++) {
            float slope = smoothStepSlope(z[zo + so + j], gamma);
            if (slope == 0f) continue;
            // ∂r_e/∂S_j = ±Π_{j'≠j}(…): + when bit j of e is set, − otherwise.
            float acc = 0f;
            for (int e = 0; e < experts; e++) {
              float rest = select(s, so, m, e, j);
              acc += gd[go + r * experts + e] * (((e >> j) & 1) == 1 ? rest : -rest);
            }
            dz.data()[dz.offset() + so + j] += wi * acc * slope;
          }
        }
      }
    }, logits, weights);
  }

  /** Π over bits j ≠ skip of (s_j if bit j of e is set, else 1 − s_j). */
  private static float select(float[] s, int so, int m, int e, int skip) {
    float p = 1f;
    for (int j = 0; j < m; j++) {
      if (j == skip) continue;
      p *= ((e >> j) & 1) == 1 ? s[so + j] : 1f - s[so + j];
    }
    return p;
  }

  /** m = log₂ E; E must be a power of two ≥ 2. */
  public static int bits(int experts) {
    if (experts < 2 || Integer.bitCount(experts) != 1) {
      throw new IllegalArgumentException("dselect: experts = " + experts + ", expected a power of two ≥ 2");
    }
    return Integer.numberOfTrailingZeros(experts);
  }
}
