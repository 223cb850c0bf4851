package io.mtl4j.data;

/**
 * Grayscale images as stored by MNIST-format files: pixel (i, y, x) is {@code pixels[(i·height + y)·width + x] & 0xFF}.
 * A plain value, read by {@link io.mtl4j.data.read.IdxSource} and composed by {@link MultiItemImages}.
 */
public record ImageSet(int count, int height, int width, byte[] pixels) {
  public ImageSet {
    if (count < 0 || height <= 0 || width <= 0 || (long) count * height * width != pixels.length) {
      throw new IllegalArgumentException("ImageSet: " + count + " images of " + height + "×" + width + " do not match "
          + pixels.length + " pixels");
    }
  }

  /** Pixel intensity in [0, 1]. */
  public float at(int image, int y, int x) {
    return (pixels[(image * height + y) * width + x] & 0xFF) / 255f;
  }
}
