package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Up-sampling of NCHW images by an integer factor k: [N, C, H, W] → [N, C, k·H, k·W]. Nearest repeats each pixel;
 * bilinear interpolates with PyTorch's {@code align_corners=False} convention (source coordinate (dst + ½)/k − ½,
 * clamped at the border), as in the FCN/U-Net decoders dense heads borrow from.
 */
public final class Upsample {
  private Upsample() {}

  public enum Mode { NEAREST, BILINEAR }

  public static Var upsample(Var x, int factor, Mode mode) {
    Tensor xv = x.value;
    if (xv.rank() != 4) {
      throw new IllegalArgumentException("upsample: expected an NCHW tensor [batch, channels, height, width], got "
          + Shapes.format(xv.shape()));
    }
    if (factor < 1) throw new IllegalArgumentException("upsample: factor = " + factor + ", expected ≥ 1");
    int planes = xv.dim(0) * xv.dim(1), h = xv.dim(2), w = xv.dim(3), oh = h * factor, ow = w * factor;
    Taps rows = Taps.of(h, factor, mode), cols = Taps.of(w, factor, mode);
    Tape tape = x.tape;
    Tensor y = tape.alloc(xv.dim(0), xv.dim(1), oh, ow);
    float[] xd = xv.data(), yd = y.data();
    for (int p = 0; p < planes; p++) {
      int in = xv.offset() + p * h * w, out = p * oh * ow;
      for (int i = 0; i < oh; i++) {
        int r0 = in + rows.low[i] * w, r1 = in + rows.high[i] * w;
        float fy = rows.weight[i];
        for (int j = 0; j < ow; j++) {
          int c0 = cols.low[j], c1 = cols.high[j];
          float fx = cols.weight[j];
          float top = xd[r0 + c0] + fx * (xd[r0 + c1] - xd[r0 + c0]);
          float bottom = xd[r1 + c0] + fx * (xd[r1 + c1] - xd[r1 + c0]);
          yd[out + i * ow + j] = top + fy * (bottom - top);
        }
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), d = dx.data();
      for (int p = 0; p < planes; p++) {
        int in = dx.offset() + p * h * w, out = g.offset() + p * oh * ow;
        for (int i = 0; i < oh; i++) {
          int r0 = in + rows.low[i] * w, r1 = in + rows.high[i] * w;
          float fy = rows.weight[i];
          for (int j = 0; j < ow; j++) {
            int c0 = cols.low[j], c1 = cols.high[j];
            float fx = cols.weight[j], gv = gd[out + i * ow + j];
            d[r0 + c0] += gv * (1 - fy) * (1 - fx);
            d[r0 + c1] += gv * (1 - fy) * fx;
            d[r1 + c0] += gv * fy * (1 - fx);
            d[r1 + c1] += gv * fy * fx;
          }
        }
      }
    }, x);
  }

  /** Along one axis: for each output index the two source indices and the weight of the second. */
  private record Taps(int[] low, int[] high, float[] weight) {
    static Taps of(int size, int factor, Mode mode) {
      int n = size * factor;
      int[] low = new int[n], high = new int[n];
      float[] weight = new float[n];
      for (int i = 0; i < n; i++) {
        if (mode == Mode.NEAREST) {
          low[i] = high[i] = i / factor;
          continue;
        }
        double src = Math.max(0.0, (i + 0.5) / factor - 0.5);
        low[i] = Math.min((int) src, size - 1);
        high[i] = Math.min(low[i] + 1, size - 1);
        weight[i] = (float) (src - low[i]);
      }
      return new Taps(low, high, weight);
    }
  }
}
