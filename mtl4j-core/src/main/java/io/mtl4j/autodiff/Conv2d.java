package io.mtl4j.autodiff;

import io.mtl4j.tensor.Blas;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * 2-D convolution over NCHW float32 images as im2col + one {@link Blas#sgemm} per image (Caffe's layout; Chellapilla
 * et al. 2006, "High Performance Convolutional Neural Networks for Document Processing"). Cross-correlation, as in
 * PyTorch's {@code conv2d}: no kernel flip.
 */
public final class Conv2d {
  private Conv2d() {}

  /**
   * x [N, C, H, W], weight [F, C, kh, kw], bias [F] (or null) → [N, F, OH, OW] with OH = (H + 2·padding − kh) / stride
   * + 1. The columns of every image are kept for the weight gradient (N·C·kh·kw·OH·OW floats from the tape's pool).
   */
  public static Var conv2d(Var x, Var weight, Var bias, int stride, int padding) {
    Tensor xv = x.value, wv = weight.value;
    Im2col geo = geometry("conv2d", xv, wv, stride, padding);
    int n = xv.dim(0), filters = wv.dim(0), patch = geo.patch(), positions = geo.positions();
    checkBias("conv2d", bias, filters);
    Tape tape = x.tape;
    Tensor cols = tape.alloc(n, patch, positions);
    Tensor y = tape.alloc(n, filters, geo.outHeight(), geo.outWidth());
    float[] cd = cols.data(), yd = y.data();
    for (int i = 0; i < n; i++) {
      int colOff = i * patch * positions, outOff = i * filters * positions;
      geo.im2col(xv.data(), xv.offset() + i * geo.imageSize(), cd, colOff);
      fillChannels(bias, yd, outOff, filters, positions);
      // y_i [F, OH·OW] = W [F, C·kh·kw] · cols_i [C·kh·kw, OH·OW]
      Blas.sgemm(false, false, filters, positions, patch, 1f, wv.data(), wv.offset(), patch, cd, colOff, positions,
          bias == null ? 0f : 1f, yd, outOff, positions);
    }
    return tape.record(y, g -> {
      Tensor dcols = x.requiresGrad ? tape.alloc(patch, positions) : null;
      for (int i = 0; i < n; i++) {
        int colOff = i * patch * positions, gOff = g.offset() + i * filters * positions;
        if (weight.requiresGrad) {
          Tensor dw = tape.grad(weight); // dW += g_i · cols_iᵀ
          Blas.sgemm(false, true, filters, patch, positions, 1f, g.data(), gOff, positions, cd, colOff, positions,
              1f, dw.data(), dw.offset(), patch);
        }
        if (x.requiresGrad) {
          Tensor dx = tape.grad(x); // dcols = Wᵀ · g_i, scattered back onto the image
          Blas.sgemm(true, false, patch, positions, filters, 1f, wv.data(), wv.offset(), patch, g.data(), gOff,
              positions, 0f, dcols.data(), dcols.offset(), positions);
          geo.col2imAdd(dcols.data(), dcols.offset(), dx.data(), dx.offset() + i * geo.imageSize());
        }
      }
      if (bias != null && bias.requiresGrad) addChannelSums(g, n, filters, positions, tape.grad(bias));
    }, inputs(x, weight, bias));
  }

  private static Im2col geometry(String op, Tensor x, Tensor w, int stride, int padding) {
    if (w.rank() != 4) {
      throw new IllegalArgumentException(op + ": weight must be [filters, channels, kh, kw], got " + Shapes.format(w.shape()));
    }
    Im2col geo = Im2col.of(op, x.shape(), w.dim(2), w.dim(3), stride, padding);
    if (w.dim(1) != geo.channels()) {
      throw new IllegalArgumentException(op + ": input " + Shapes.format(x.shape()) + " has " + geo.channels()
          + " channels but weight " + Shapes.format(w.shape()) + " expects " + w.dim(1));
    }
    return geo;
  }

  static void checkBias(String op, Var bias, int channels) {
    if (bias != null && (bias.value.rank() != 1 || bias.value.size() != channels)) {
      throw new IllegalArgumentException(op + ": bias " + Shapes.format(bias.value.shape()) + ", expected ["
          + channels + "]");
    }
  }

  static Var[] inputs(Var x, Var weight, Var bias) {
    return bias == null ? new Var[] {x, weight} : new Var[] {x, weight, bias};
  }

  /** out[c, :] = bias[c] over one image's channel planes (no-op without bias: the GEMM then overwrites). */
  static void fillChannels(Var bias, float[] out, int offset, int channels, int plane) {
    if (bias == null) return;
    Tensor b = bias.value;
    for (int c = 0; c < channels; c++) {
      java.util.Arrays.fill(out, offset + c * plane, offset + (c + 1) * plane, b.get(c));
    }
  }

  /** target[c] += Σ over images and pixels of g[n, c, :]. */
  static void addChannelSums(Tensor g, int n, int channels, int plane, Tensor target) {
    float[] gd = g.data();
    for (int c = 0; c < channels; c++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        int base = g.offset() + (i * channels + c) * plane;
        for (int p = 0; p < plane; p++) s += gd[base + p];
      }
      target.set(c, target.get(c) + (float) s);
    }
  }
}
