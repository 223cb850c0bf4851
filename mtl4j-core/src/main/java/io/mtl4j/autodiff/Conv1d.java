package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * 1-D convolution over the token rows of ragged sequences (the text CNN of Kim 2014), "same" zero padding.
 *
 * <p>Layout: ragged CSR, not padded [B, C, L] (NCL). Rows x [N, C] are the tokens of all B sequences of a batch one
 * after another and {@code offsets} [B + 1] says where each starts; the output keeps the same N rows and the same
 * offsets, so it goes straight into {@link SegmentMax}. Review lengths are skewed (FDU-MTL's training reviews: median
 * 86 tokens, mean 132, longest 5,940), so a padded batch of 64 random reviews holds on average 6.2× the rows of the
 * ragged one (2,000 batches drawn): padding would be most of the work. Ragged rows also make the convolution one GEMM:
 * {@link #unfold} copies each token's window into a row of [N, k·C] (im2col) and {@link MatMul#linear} multiplies it
 * by the kernel [k·C, C_out].
 *
 * <p>Padding: window position t of a sequence covers its tokens t − ⌊(k−1)/2⌋ … t + ⌈(k−1)/2⌉; positions outside the
 * sequence read zeros, so every sequence, even one shorter than k, keeps its length. Windows never cross into the
 * neighbouring sequence. As in PyTorch, this is a cross-correlation (the kernel is not flipped).
 */
public final class Conv1d {
  private Conv1d() {}

  /**
   * x [N, C], kernel [k·C, C_out] (row j·C + c: tap j, input channel c), bias [C_out] or null → [N, C_out].
   * The width k is kernel rows / C.
   */
  public static Var conv(Var x, int[] offsets, Var kernel, Var bias) {
    Shapes.requireMatrix("conv1d", x.value);
    Shapes.requireMatrix("conv1d", kernel.value);
    int channels = x.value.dim(1), taps = kernel.value.dim(0);
    if (channels == 0 || taps == 0 || taps % channels != 0) {
      throw new IllegalArgumentException("conv1d: kernel " + Shapes.format(kernel.value.shape()) + " has no whole number"
          + " of taps over " + channels + " input channels (expected [width·" + channels + ", out])");
    }
    return MatMul.linear(unfold(x, offsets, taps / channels), kernel, bias);
  }

  /**
   * im2col over ragged sequences: x [N, C] → [N, k·C], row t holding the k rows around t in its own sequence
   * (zeros outside it); the backward adds each window slot's gradient back to the row it was copied from.
   */
  public static Var unfold(Var x, int[] offsets, int width) {
    Tensor xv = x.value;
    Shapes.requireMatrix("conv1d", xv);
    if (width < 1) throw new IllegalArgumentException("conv1d: width = " + width + ": expected ≥ 1");
    int n = xv.dim(0), c = xv.dim(1), left = (width - 1) / 2, cols = width * c;
    Shapes.requireSegments("conv1d", offsets, n);
    Tape tape = x.tape;
    Tensor y = tape.zeros(n, cols);
    float[] xd = xv.data(), yd = y.data();
    int xo = xv.offset();
    for (int b = 0; b + 1 < offsets.length; b++) {
      for (int t = offsets[b]; t < offsets[b + 1]; t++) {
        int from = Math.max(offsets[b], t - left), to = Math.min(offsets[b + 1], t - left + width);
        // Source rows from..to-1 are contiguous in x and land in consecutive slots: one copy per row.
        System.arraycopy(xd, xo + from * c, yd, t * cols + (from - t + left) * c, (to - from) * c);
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), dd = dx.data();
      int go = g.offset(), dOff = dx.offset();
      for (int b = 0; b + 1 < offsets.length; b++) {
        for (int t = offsets[b]; t < offsets[b + 1]; t++) {
          int from = Math.max(offsets[b], t - left), to = Math.min(offsets[b + 1], t - left + width);
          Mixture.axpy(1f, gd, go + t * cols + (from - t + left) * c, dd, dOff + from * c, (to - from) * c);
        }
      }
    }, x);
  }
}
