package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Max pooling over ragged segments (max-over-time pooling of a text CNN, Collobert et al. 2011; Kim 2014): rows
 * [N, D] of all sequences of a batch, grouped by CSR offsets, → one row per sequence [B, D].
 */
public final class SegmentMax {
  private SegmentMax() {}

  /**
   * x [N, D], offsets [B + 1] (segment b is rows offsets[b]..offsets[b+1]) → [B, D], each column's maximum over the
   * segment. An <b>empty segment gives a zero row</b> and passes no gradient: an empty text then contributes nothing,
   * as it would under sum or mean pooling, instead of −∞ poisoning the layers above. The gradient goes to the first
   * row holding the maximum (ties are measure-zero for real-valued activations; after a ReLU, all-zero columns
   * route their gradient to the first row, where the ReLU stops it).
   */
  public static Var max(Var x, int[] offsets) {
    Tensor xv = x.value;
    Shapes.requireMatrix("segmentMax", xv);
    int n = xv.dim(0), d = xv.dim(1), batch = offsets.length - 1;
    Shapes.requireSegments("segmentMax", offsets, n);
    Tape tape = x.tape;
    Tensor y = tape.alloc(batch, d);
    // winner[b·D + j]: the row of x that won column j of segment b; −1 for an empty segment.
    int[] winner = new int[batch * d];
    float[] xd = xv.data(), yd = y.data();
    int xo = xv.offset();
    for (int b = 0; b < batch; b++) {
      int from = offsets[b], to = offsets[b + 1];
      for (int j = 0; j < d; j++) {
        int best = -1;
        float top = 0f;
        for (int r = from; r < to; r++) {
          float v = xd[xo + r * d + j];
          if (best < 0 || v > top) {
            best = r;
            top = v;
          }
        }
        winner[b * d + j] = best;
        yd[b * d + j] = top;
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), dd = dx.data();
      int go = g.offset(), dOff = dx.offset();
      for (int i = 0; i < winner.length; i++) {
        if (winner[i] >= 0) dd[dOff + winner[i] * d + i % d] += gd[go + i];
      }
    }, x);
  }
}
