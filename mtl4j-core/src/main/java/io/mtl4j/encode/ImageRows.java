package io.mtl4j.encode;

import io.mtl4j.tensor.Tensor;

/** An image group: pixels [N, C·H·W] in NCHW order with the declared channels, height and width. */
public record ImageRows(Tensor pixels, int channels, int height, int width) implements GroupRows {
  public ImageRows {
    if (channels <= 0 || height <= 0 || width <= 0) {
      throw new IllegalArgumentException("image group: C, H, W = " + channels + ", " + height + ", " + width
          + ", expected all > 0");
    }
    int expected = channels * height * width;
    if (pixels.rank() != 2 || pixels.cols() != expected) {
      throw new IllegalArgumentException("image group: pixels " + io.mtl4j.tensor.Shapes.format(pixels.shape())
          + ", expected [rows, " + expected + "] for C·H·W = " + channels + "·" + height + "·" + width);
    }
  }

  @Override
  public int rows() {
    return pixels.rows();
  }

  @Override
  public ImageRows gather(int[] order, int from, int to) {
    return new ImageRows(DenseRows.gatherRows(pixels, order, from, to), channels, height, width);
  }

  @Override
  public ImageRows slice(int from, int to) {
    return new ImageRows(pixels.rowSlice(from, to), channels, height, width);
  }
}
