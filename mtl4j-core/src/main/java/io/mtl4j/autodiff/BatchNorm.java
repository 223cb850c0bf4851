package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Batch normalisation of NCHW images per channel over (N, H, W) (Ioffe &amp; Szegedy 2015): y = γ·(x − μ)/√(σ² + ε) + β.
 * Training normalises with the batch's own statistics (biased variance, as the paper and PyTorch do); evaluation
 * with fixed running statistics, which makes the op a per-channel affine map.
 */
public final class BatchNorm {
  private BatchNorm() {}

  /**
   * Training mode. Non-null {@code batchMean} and {@code batchVariance} [C] receive the batch's per-channel mean and
   * biased variance, for the layer's running averages.
   *
   * @param x     [N, C, H, W]
   * @param gamma [C]
   * @param beta  [C]
   */
  public static Var train(Var x, Var gamma, Var beta, float eps, float[] batchMean, float[] batchVariance) {
    Layout l = Layout.of("batchNorm", x.value, gamma.value, beta.value, eps);
    Tape tape = x.tape;
    Tensor xv = x.value, y = tape.alloc(xv.shape());
    Tensor xhat = tape.alloc(xv.shape());
    float[] inv = new float[l.c];
    float[] xd = xv.data(), yd = y.data(), hd = xhat.data();
    for (int c = 0; c < l.c; c++) {
      double sum = 0, squares = 0;
      for (int n = 0; n < l.n; n++) {
        int base = xv.offset() + l.plane(n, c);
        for (int p = 0; p < l.hw; p++) sum += xd[base + p];
      }
      double mean = sum / l.count();
      for (int n = 0; n < l.n; n++) {
        int base = xv.offset() + l.plane(n, c);
        for (int p = 0; p < l.hw; p++) squares += (xd[base + p] - mean) * (xd[base + p] - mean);
      }
      double variance = squares / l.count();
      inv[c] = (float) (1 / Math.sqrt(variance + eps));
      if (batchMean != null) batchMean[c] = (float) mean;
      if (batchVariance != null) batchVariance[c] = (float) variance;
      float g = gamma.value.get(c), b = beta.value.get(c), m = (float) mean;
      for (int n = 0; n < l.n; n++) {
        int base = l.plane(n, c);
        for (int p = 0; p < l.hw; p++) {
          float h = (xd[xv.offset() + base + p] - m) * inv[c];
          hd[base + p] = h;
          yd[base + p] = g * h + b;
        }
      }
    }
    return tape.record(y, gr -> {
      float[] gd = gr.data();
      for (int c = 0; c < l.c; c++) {
        double sumG = 0, sumGh = 0;
        for (int n = 0; n < l.n; n++) {
          int base = l.plane(n, c);
          for (int p = 0; p < l.hw; p++) {
            sumG += gd[gr.offset() + base + p];
            sumGh += gd[gr.offset() + base + p] * hd[base + p];
          }
        }
        if (gamma.requiresGrad) addAt(tape.grad(gamma), c, sumGh);
        if (beta.requiresGrad) addAt(tape.grad(beta), c, sumG);
        if (!x.requiresGrad) continue;
        // dx = γ/(σ·m) · (m·g − Σg − x̂·Σ(g·x̂)), m = N·H·W
        Tensor dx = tape.grad(x);
        float[] d = dx.data();
        float scale = gamma.value.get(c) * inv[c], meanG = (float) (sumG / l.count()), meanGh = (float) (sumGh / l.count());
        for (int n = 0; n < l.n; n++) {
          int base = l.plane(n, c);
          for (int p = 0; p < l.hw; p++) {
            d[dx.offset() + base + p] += scale * (gd[gr.offset() + base + p] - meanG - hd[base + p] * meanGh);
          }
        }
      }
    }, x, gamma, beta);
  }

  /** Evaluation mode: normalises with the given running mean [C] and variance [C], which get no gradient. */
  public static Var eval(Var x, Var gamma, Var beta, Tensor mean, Tensor variance, float eps) {
    Layout l = Layout.of("batchNorm", x.value, gamma.value, beta.value, eps);
    if (mean.size() != l.c || variance.size() != l.c) {
      throw new IllegalArgumentException("batchNorm: running statistics " + Shapes.format(mean.shape()) + " and "
          + Shapes.format(variance.shape()) + " do not match " + l.c + " channels");
    }
    Tape tape = x.tape;
    Tensor xv = x.value, y = tape.alloc(xv.shape());
    float[] inv = new float[l.c];
    float[] xd = xv.data(), yd = y.data();
    for (int c = 0; c < l.c; c++) {
      inv[c] = (float) (1 / Math.sqrt(variance.get(c) + eps));
      float scale = gamma.value.get(c) * inv[c], m = mean.get(c), b = beta.value.get(c);
      for (int n = 0; n < l.n; n++) {
        int base = l.plane(n, c);
        for (int p = 0; p < l.hw; p++) yd[base + p] = scale * (xd[xv.offset() + base + p] - m) + b;
      }
    }
    return tape.record(y, gr -> {
      float[] gd = gr.data();
      for (int c = 0; c < l.c; c++) {
        double sumG = 0, sumGh = 0;
        float m = mean.get(c), scale = gamma.value.get(c) * inv[c];
        Tensor dx = x.requiresGrad ? tape.grad(x) : null;
        for (int n = 0; n < l.n; n++) {
          int base = l.plane(n, c);
          for (int p = 0; p < l.hw; p++) {
            float gv = gd[gr.offset() + base + p];
            sumG += gv;
            sumGh += gv * (xd[xv.offset() + base + p] - m) * inv[c];
            if (dx != null) dx.data()[dx.offset() + base + p] += scale * gv;
          }
        }
        if (gamma.requiresGrad) addAt(tape.grad(gamma), c, sumGh);
        if (beta.requiresGrad) addAt(tape.grad(beta), c, sumG);
      }
    }, x, gamma, beta);
  }

  private static void addAt(Tensor t, int i, double v) {
    t.set(i, t.get(i) + (float) v);
  }

  private record Layout(int n, int c, int hw) {
    static Layout of(String op, Tensor x, Tensor gamma, Tensor beta, float eps) {
      if (x.rank() != 4) {
        throw new IllegalArgumentException(op + ": expected an NCHW tensor [batch, channels, height, width], got "
            + Shapes.format(x.shape()));
      }
      if (gamma.size() != x.dim(1) || beta.size() != x.dim(1)) {
        throw new IllegalArgumentException(op + ": gamma " + Shapes.format(gamma.shape()) + " and beta "
            + Shapes.format(beta.shape()) + " do not match " + x.dim(1) + " channels of " + Shapes.format(x.shape()));
      }
      if (!(eps > 0)) throw new IllegalArgumentException(op + ": eps = " + eps + ", expected > 0");
      return new Layout(x.dim(0), x.dim(1), x.dim(2) * x.dim(3));
    }

    int plane(int image, int channel) {
      return (image * c + channel) * hw;
    }

    double count() {
      return (double) n * hw;
    }
  }
}
