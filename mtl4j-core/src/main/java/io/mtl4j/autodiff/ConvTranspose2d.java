package io.mtl4j.autodiff;

import io.mtl4j.tensor.Blas;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Transposed 2-D convolution (the adjoint of {@link Conv2d}'s input gradient; Zeiler et al. 2010, "Deconvolutional
 * Networks"): a learned up-sampling for dense heads. Same layout and output size as PyTorch's
 * {@code conv_transpose2d} without output padding or dilation.
 */
public final class ConvTranspose2d {
  private ConvTranspose2d() {}

  /**
   * x [N, Cin, H, W], weight [Cin, Cout, kh, kw], bias [Cout] (or null) → [N, Cout, OH, OW] with
   * OH = (H − 1)·stride − 2·padding + kh.
   */
  public static Var convTranspose2d(Var x, Var weight, Var bias, int stride, int padding) {
    Tensor xv = x.value, wv = weight.value;
    if (xv.rank() != 4 || wv.rank() != 4 || wv.dim(0) != xv.dim(1)) {
      throw new IllegalArgumentException("convTranspose2d: input " + Shapes.format(xv.shape()) + " and weight "
          + Shapes.format(wv.shape()) + ": expected [N, Cin, H, W] and [Cin, Cout, kh, kw]");
    }
    int n = xv.dim(0), in = xv.dim(1), h = xv.dim(2), w = xv.dim(3), out = wv.dim(1), kh = wv.dim(2), kw = wv.dim(3);
    if (stride <= 0 || padding < 0) {
      throw new IllegalArgumentException("convTranspose2d: stride = " + stride + ", padding = " + padding
          + ", expected stride ≥ 1 and padding ≥ 0");
    }
    int oh = (h - 1) * stride - 2 * padding + kh, ow = (w - 1) * stride - 2 * padding + kw;
    if (oh <= 0 || ow <= 0) {
      throw new IllegalArgumentException("convTranspose2d: padding " + padding + " leaves no output for input "
          + Shapes.format(xv.shape()) + " and kernel " + kh + "×" + kw);
    }
    Conv2d.checkBias("convTranspose2d", bias, out);
    // The convolution this op is the adjoint of runs over the output image and produces exactly H×W positions.
    Im2col geo = new Im2col(out, oh, ow, kh, kw, stride, padding);
    int patch = geo.patch(), positions = h * w;
    Tape tape = x.tape;
    Tensor y = tape.alloc(n, out, oh, ow);
    Tensor cols = tape.alloc(patch, positions);
    float[] yd = y.data();
    for (int i = 0; i < n; i++) {
      int outOff = i * geo.imageSize();
      // cols [Cout·kh·kw, H·W] = Wᵀ · x_i, with W viewed as [Cin, Cout·kh·kw]
      Blas.sgemm(true, false, patch, positions, in, 1f, wv.data(), wv.offset(), patch, xv.data(),
          xv.offset() + i * in * positions, positions, 0f, cols.data(), cols.offset(), positions);
      if (bias == null) {
        java.util.Arrays.fill(yd, outOff, outOff + geo.imageSize(), 0f);
      } else {
        Conv2d.fillChannels(bias, yd, outOff, out, oh * ow);
      }
      geo.col2imAdd(cols.data(), cols.offset(), yd, outOff);
    }
    return tape.record(y, g -> {
      Tensor gcols = tape.alloc(patch, positions);
      for (int i = 0; i < n; i++) {
        geo.im2col(g.data(), g.offset() + i * geo.imageSize(), gcols.data(), gcols.offset());
        int xOff = i * in * positions;
        if (x.requiresGrad) {
          Tensor dx = tape.grad(x); // dx_i += W · im2col(g_i)
          Blas.sgemm(false, false, in, positions, patch, 1f, wv.data(), wv.offset(), patch, gcols.data(),
              gcols.offset(), positions, 1f, dx.data(), dx.offset() + xOff, positions);
        }
        if (weight.requiresGrad) {
          Tensor dw = tape.grad(weight); // dW += x_i · im2col(g_i)ᵀ
          Blas.sgemm(false, true, in, patch, positions, 1f, xv.data(), xv.offset() + xOff, positions, gcols.data(),
              gcols.offset(), positions, 1f, dw.data(), dw.offset(), patch);
        }
      }
      if (bias != null && bias.requiresGrad) Conv2d.addChannelSums(g, n, out, oh * ow, tape.grad(bias));
    }, Conv2d.inputs(x, weight, bias));
  }
}
