package io.mtl4j.data;

import io.mtl4j.encode.ImageRows;
import io.mtl4j.tensor.Tensor;
import java.util.SplittableRandom;

/**
 * Two-item images in the MultiMNIST recipe (Sabour et al. 2017, as used for Multi-Fashion by Lin et al. 2019, "Pareto
 * Multi-Task Learning"): one item in the top-left and one in the bottom-right corner of a 36×36 canvas, each shifted
 * by up to 4 pixels, overlaid by maximum and resized to 28×28. One classification task per item, plus a per-pixel
 * mask (0 background, 1 the top-left item, 2 the bottom-right one) for segmentation.
 */
public final class MultiItemImages {
  /** Canvas side before the resize: the 28-pixel items overlap on 20 pixels at most shift. */
  static final int CANVAS = 36;
  /** Each item's largest shift away from its corner, in canvas pixels. */
  static final int SHIFT = 4;
  /** Intensity from which a pixel belongs to an item in the mask. */
  static final float INK = 0.25f;

  private MultiItemImages() {}

  /**
   * @param images   [N, 1, side, side] in [0, 1]
   * @param left     class of the top-left item per image
   * @param right    class of the bottom-right item per image
   * @param masks    [N, side·side]: 0 background, 1 top-left item, 2 bottom-right item (the brighter one where they
   *                 overlap)
   */
  public record Built(Tensor images, float[] left, float[] right, float[] masks) {
    /** The images as the rows of a one-channel image group, [N, side·side], sharing {@link #images}' array. */
    public ImageRows rows() {
      int n = left.length, side = images.dim(2);
      return new ImageRows(images.reshape(n, side * side), 1, side, side);
    }
  }

  /**
   * {@code count} images whose top-left items are drawn at random from {@code first} and bottom-right items from
   * {@code second} (the same set for Multi-Fashion), reproducibly from {@code seed}.
   */
  public static Built build(ImageSet first, byte[] firstLabels, ImageSet second, byte[] secondLabels,
                            int count, int side, long seed) {
    check("first", first, firstLabels);
    check("second", second, secondLabels);
    if (count < 0 || side < 1) {
      throw new IllegalArgumentException("MultiItemImages: count = " + count + ", side = " + side
          + "; expected count ≥ 0 and side ≥ 1");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Tensor images = Tensor.zeros(count, 1, side, side);
    float[] left = new float[count], right = new float[count], masks = new float[count * side * side];
    float[] a = new float[CANVAS * CANVAS], b = new float[CANVAS * CANVAS];
    for (int n = 0; n < count; n++) {
      int i = random.nextInt(first.count()), j = random.nextInt(second.count());
      left[n] = firstLabels[i] & 0xFF;
      right[n] = secondLabels[j] & 0xFF;
      java.util.Arrays.fill(a, 0f);
      java.util.Arrays.fill(b, 0f);
      place(first, i, a, random.nextInt(SHIFT + 1), random.nextInt(SHIFT + 1));
      int far = CANVAS - first.height(), farX = CANVAS - first.width();
      place(second, j, b, far - random.nextInt(SHIFT + 1), farX - random.nextInt(SHIFT + 1));
      resize(a, b, images.data(), n * side * side, masks, side);
    }
    return new Built(images, left, right, masks);
  }

  private static void check(String which, ImageSet images, byte[] labels) {
    if (images.count() != labels.length || images.height() > CANVAS - SHIFT || images.width() > CANVAS - SHIFT) {
      throw new IllegalArgumentException("MultiItemImages: " + which + " set has " + images.count() + " images of "
          + images.height() + "×" + images.width() + " and " + labels.length + " labels; expected one label per image"
          + " and items of at most " + (CANVAS - SHIFT) + "×" + (CANVAS - SHIFT));
    }
  }

  private static void place(ImageSet items, int index, float[] canvas, int top, int leftEdge) {
    for (int y = 0; y < items.height(); y++) {
      for (int x = 0; x < items.width(); x++) canvas[(top + y) * CANVAS + leftEdge + x] = items.at(index, y, x);
    }
  }

  /**
   * Bilinear resize of the overlay max(a, b) (align-corners false, as PIL and PyTorch resize); the mask takes the
   * nearest canvas pixel's owner.
   */
  private static void resize(float[] a, float[] b, float[] out, int offset, float[] masks, int side) {
    double scale = (double) CANVAS / side;
    for (int y = 0; y < side; y++) {
      double sy = Math.max(0, (y + 0.5) * scale - 0.5);
      int y0 = Math.min((int) sy, CANVAS - 1), y1 = Math.min(y0 + 1, CANVAS - 1);
      double fy = sy - y0;
      int ny = Math.min((int) ((y + 0.5) * scale), CANVAS - 1);
      for (int x = 0; x < side; x++) {
        double sx = Math.max(0, (x + 0.5) * scale - 0.5);
        int x0 = Math.min((int) sx, CANVAS - 1), x1 = Math.min(x0 + 1, CANVAS - 1);
        double fx = sx - x0;
        double top = overlay(a, b, y0, x0) * (1 - fx) + overlay(a, b, y0, x1) * fx;
        double bottom = overlay(a, b, y1, x0) * (1 - fx) + overlay(a, b, y1, x1) * fx;
        out[offset + y * side + x] = (float) (top * (1 - fy) + bottom * fy);
        int nx = Math.min((int) ((x + 0.5) * scale), CANVAS - 1), at = ny * CANVAS + nx;
        float p = a[at], q = b[at];
        masks[offset + y * side + x] = Math.max(p, q) < INK ? 0f : p >= q ? 1f : 2f;
      }
    }
  }

  private static float overlay(float[] a, float[] b, int y, int x) {
    return Math.max(a[y * CANVAS + x], b[y * CANVAS + x]);
  }
}
