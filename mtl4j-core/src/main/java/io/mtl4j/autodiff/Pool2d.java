package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;

/**
 * Max and average pooling over k×k windows of NCHW images, without padding: OH = (H − k) / stride + 1 (PyTorch's
 * {@code max_pool2d}/{@code avg_pool2d} with {@code padding=0}; trailing rows and columns that fill no window are
 * dropped, as there).
 */
public final class Pool2d {
  private Pool2d() {}

  /** Largest value of each window; the gradient goes to the first position holding it. */
  public static Var max(Var x, int kernel, int stride) {
    Window win = Window.of("maxPool2d", x.value, kernel, stride);
    Tensor xv = x.value;
    Tape tape = x.tape;
    Tensor y = tape.alloc(win.outShape());
    // Within-plane index of each maximum, stored as a float: exact, since a plane has far fewer than 2^24 pixels.
    Tensor where = tape.alloc(win.outShape());
    float[] xd = xv.data(), yd = y.data(), wd = where.data();
    int planeIn = win.h * win.w, planeOut = win.oh * win.ow;
    for (int p = 0; p < win.planes; p++) {
      int in = xv.offset() + p * planeIn, out = p * planeOut;
      for (int i = 0; i < win.oh; i++) {
        for (int j = 0; j < win.ow; j++) {
          int top = i * stride * win.w + j * stride, best = top;
          float max = xd[in + top];
          for (int a = 0; a < kernel; a++) {
            for (int b = 0; b < kernel; b++) {
              int at = top + a * win.w + b;
              if (xd[in + at] > max) {
                max = xd[in + at];
                best = at;
              }
            }
          }
          yd[out + i * win.ow + j] = max;
          wd[out + i * win.ow + j] = best;
        }
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), d = dx.data();
      for (int p = 0; p < win.planes; p++) {
        int in = dx.offset() + p * planeIn, out = p * planeOut;
        for (int o = 0; o < planeOut; o++) d[in + (int) wd[out + o]] += gd[g.offset() + out + o];
      }
    }, x);
  }

  /** Mean of each window. */
  public static Var average(Var x, int kernel, int stride) {
    Window win = Window.of("avgPool2d", x.value, kernel, stride);
    Tensor xv = x.value;
    Tape tape = x.tape;
    Tensor y = tape.alloc(win.outShape());
    float[] xd = xv.data(), yd = y.data();
    int planeIn = win.h * win.w, planeOut = win.oh * win.ow;
    float scale = 1f / (kernel * kernel);
    for (int p = 0; p < win.planes; p++) {
      int in = xv.offset() + p * planeIn, out = p * planeOut;
      for (int i = 0; i < win.oh; i++) {
        for (int j = 0; j < win.ow; j++) {
          int top = in + i * stride * win.w + j * stride;
          float s = 0f;
          for (int a = 0; a < kernel; a++) {
            for (int b = 0; b < kernel; b++) s += xd[top + a * win.w + b];
          }
          yd[out + i * win.ow + j] = s * scale;
        }
      }
    }
    return tape.record(y, g -> {
      Tensor dx = tape.grad(x);
      float[] gd = g.data(), d = dx.data();
      for (int p = 0; p < win.planes; p++) {
        int in = dx.offset() + p * planeIn, out = g.offset() + p * planeOut;
        for (int i = 0; i < win.oh; i++) {
          for (int j = 0; j < win.ow; j++) {
            float share = gd[out + i * win.ow + j] * scale;
            int top = in + i * stride * win.w + j * stride;
            for (int a = 0; a < kernel; a++) {
              for (int b = 0; b < kernel; b++) d[top + a * win.w + b] += share;
            }
          }
        }
      }
    }, x);
  }

  /** Pooling geometry of one NCHW tensor: N·C planes of H×W → OH×OW. */
  private record Window(int n, int c, int h, int w, int oh, int ow, int planes) {
    static Window of(String op, Tensor x, int kernel, int stride) {
      if (x.rank() != 4) {
        throw new IllegalArgumentException(op + ": expected an NCHW tensor [batch, channels, height, width], got "
            + Shapes.format(x.shape()));
      }
      if (kernel <= 0 || stride <= 0) {
        throw new IllegalArgumentException(op + ": kernel = " + kernel + ", stride = " + stride + ", expected ≥ 1");
      }
      int h = x.dim(2), w = x.dim(3);
      if (kernel > h || kernel > w) {
        throw new IllegalArgumentException(op + ": kernel " + kernel + " is larger than the " + h + "×" + w + " image");
      }
      return new Window(x.dim(0), x.dim(1), h, w, (h - kernel) / stride + 1, (w - kernel) / stride + 1,
          x.dim(0) * x.dim(1));
    }

    int[] outShape() {
      return new int[] {n, c, oh, ow};
    }
  }
}
