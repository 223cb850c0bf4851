package io.mtl4j.data;

import io.mtl4j.encode.ImageRows;
import io.mtl4j.tensor.Tensor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Two-item images in the MultiMNIST protocol of Sener &amp; Koltun 2018 ("Multi-Task Learning as Multi-Objective
 * Optimization"; Multi-Fashion as in Lin et al. 2019): on a 36×36 canvas one item sits at the top-left corner and one
 * 6 pixels further down and right, overlaid by maximum, and the canvas is resized to the output side with nearest
 * neighbours. One classification task per item, plus a per-pixel mask (0 background, 1 the top-left item, 2 the
 * bottom-right one) for segmentation.
 */
public final class MultiItemImages {
  /** Canvas side before the resize. */
  static final int CANVAS = 36;
  /**
   * The bottom-right item's offset from the top-left one, in canvas pixels, the same for every image: the reference
   * loader writes the items at [0:28, 0:28] and [6:34, 6:34], so 28-pixel items overlap on 22×22 pixels.
   */
  static final int OFFSET = 6;
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
    int[] nearest = nearest(side);
    for (int n = 0; n < count; n++) {
      int i = random.nextInt(first.count()), j = random.nextInt(second.count());
      left[n] = firstLabels[i] & 0xFF;
      right[n] = secondLabels[j] & 0xFF;
      place(first, i, a, 0);
      place(second, j, b, OFFSET);
      resize(a, b, nearest, images.data(), masks, n * side * side);
    }
    return new Built(images, left, right, masks);
  }

  private static void check(String which, ImageSet images, byte[] labels) {
    if (images.count() != labels.length || images.height() > CANVAS - OFFSET || images.width() > CANVAS - OFFSET) {
      throw new IllegalArgumentException("MultiItemImages: " + which + " set has " + images.count() + " images of "
          + images.height() + "×" + images.width() + " and " + labels.length + " labels; expected one label per image"
          + " and items of at most " + (CANVAS - OFFSET) + "×" + (CANVAS - OFFSET));
    }
  }

  /** Writes item {@code index} onto a cleared canvas with its top-left corner at (offset, offset). */
  private static void place(ImageSet items, int index, float[] canvas, int offset) {
    Arrays.fill(canvas, 0f);
    for (int y = 0; y < items.height(); y++) {
      for (int x = 0; x < items.width(); x++) canvas[(offset + y) * CANVAS + offset + x] = items.at(index, y, x);
    }
  }

  /** The canvas row (and column) each output row samples: PIL's nearest neighbour, floor((o + ½)·36 / side). */
  private static int[] nearest(int side) {
    int[] at = new int[side];
    for (int o = 0; o < side; o++) at[o] = Math.min((int) ((o + 0.5) * CANVAS / side), CANVAS - 1);
    return at;
  }

  /**
   * Nearest-neighbour resize of the overlay max(a, b), as the reference loader's {@code imresize(…, 'nearest')};
   * the mask reads the same canvas pixel, so image and mask stay aligned.
   */
  private static void resize(float[] a, float[] b, int[] nearest, float[] out, float[] masks, int offset) {
    int side = nearest.length;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int at = nearest[y] * CANVAS + nearest[x];
        float p = a[at], q = b[at], max = Math.max(p, q);
        out[offset + y * side + x] = max;
        masks[offset + y * side + x] = max < INK ? 0f : p >= q ? 1f : 2f;
      }
    }
  }
}
