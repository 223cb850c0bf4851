package io.mtl4j.autodiff;

import io.mtl4j.tensor.Shapes;

/**
 * Geometry of a 2-D convolution over one image [C, H, W], and the im2col/col2im pair that turns it into one GEMM:
 * {@code cols [C·kh·kw, OH·OW]} holds, for each kernel tap, the input pixels it meets at every output position (zero
 * where the tap falls into the padding). Conv2d multiplies by the columns; ConvTranspose2d is its adjoint and scatters
 * columns back with col2im.
 */
record Im2col(int channels, int height, int width, int kernelHeight, int kernelWidth, int stride, int padding) {
  Im2col {
    if (channels <= 0 || height <= 0 || width <= 0 || kernelHeight <= 0 || kernelWidth <= 0) {
      throw new IllegalArgumentException("conv: image [" + channels + "," + height + "," + width + "] and kernel "
          + kernelHeight + "×" + kernelWidth + ": expected sizes > 0");
    }
    if (stride <= 0 || padding < 0) {
      throw new IllegalArgumentException("conv: stride = " + stride + ", padding = " + padding
          + ", expected stride ≥ 1 and padding ≥ 0");
    }
    if (height + 2 * padding < kernelHeight || width + 2 * padding < kernelWidth) {
      throw new IllegalArgumentException("conv: kernel " + kernelHeight + "×" + kernelWidth + " is larger than the "
          + height + "×" + width + " image padded by " + padding);
    }
  }

  int outHeight() {
    return (height + 2 * padding - kernelHeight) / stride + 1;
  }

  int outWidth() {
    return (width + 2 * padding - kernelWidth) / stride + 1;
  }

  /** Rows of the column matrix: C·kh·kw. */
  int patch() {
    return channels * kernelHeight * kernelWidth;
  }

  /** Columns of the column matrix: OH·OW. */
  int positions() {
    return outHeight() * outWidth();
  }

  int imageSize() {
    return channels * height * width;
  }

  /** The geometry of an NCHW tensor's images, or an error naming the op and the shape. */
  static Im2col of(String op, int[] nchw, int kernelHeight, int kernelWidth, int stride, int padding) {
    if (nchw.length != 4) {
      throw new IllegalArgumentException(op + ": expected an NCHW tensor [batch, channels, height, width], got "
          + Shapes.format(nchw));
    }
    return new Im2col(nchw[1], nchw[2], nchw[3], kernelHeight, kernelWidth, stride, padding);
  }

  /** cols[patch, positions] = the image's pixels under each kernel tap (overwrites every element). */
  void im2col(float[] image, int imageOffset, float[] cols, int colsOffset) {
    walk(image, imageOffset, cols, colsOffset, true);
  }

  /** image += the column matrix scattered back onto the pixels it was read from (the adjoint of im2col). */
  void col2imAdd(float[] cols, int colsOffset, float[] image, int imageOffset) {
    walk(image, imageOffset, cols, colsOffset, false);
  }

  /**
   * Visits every (kernel tap, output row) pair once: each is a run of output columns [lo, hi) whose pixels lie inside
   * one image row, the rest falling into the padding. Gathering copies the run into the columns and zeroes the padded
   * part; scattering adds the run back onto the image.
   */
  private void walk(float[] image, int imageOffset, float[] cols, int colsOffset, boolean gather) {
    int oh = outHeight(), ow = outWidth(), hw = height * width;
    int row = colsOffset;
    for (int c = 0; c < channels; c++) {
      for (int ki = 0; ki < kernelHeight; ki++) {
        for (int kj = 0; kj < kernelWidth; kj++, row += oh * ow) {
          int lo = Math.min(firstInside(kj), ow), hi = Math.max(lo, endInside(kj, ow));
          for (int y = 0; y < oh; y++) {
            int at = row + y * ow, ih = y * stride - padding + ki;
            boolean inside = ih >= 0 && ih < height;
            if (gather) {
              java.util.Arrays.fill(cols, at, at + (inside ? lo : ow), 0f);
              if (inside) java.util.Arrays.fill(cols, at + hi, at + ow, 0f);
            }
            if (!inside) continue;
            int px = imageOffset + c * hw + ih * width - padding + kj;
            if (gather && stride == 1) {
              System.arraycopy(image, px + lo, cols, at + lo, hi - lo);
            } else if (gather) {
              for (int x = lo; x < hi; x++) cols[at + x] = image[px + x * stride];
            } else if (stride == 1) {
              for (int x = lo; x < hi; x++) image[px + x] += cols[at + x]; // unit stride: C2 vectorises it
            } else {
              for (int x = lo; x < hi; x++) image[px + x * stride] += cols[at + x];
            }
          }
        }
      }
    }
  }

  /** First output column whose tap kj lands inside the image: x·stride − padding + kj ≥ 0. */
  private int firstInside(int kj) {
    int need = padding - kj;
    return need <= 0 ? 0 : (need + stride - 1) / stride;
  }

  /** One past the last output column whose tap kj lands inside: x·stride − padding + kj < width. */
  private int endInside(int kj, int ow) {
    int limit = width + padding - kj; // x·stride < limit
    return limit <= 0 ? 0 : Math.min(ow, (limit + stride - 1) / stride);
  }
}
