package io.mtl4j.arch;

import io.mtl4j.data.Dataset;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.ImageFixtures;
import io.mtl4j.encode.ImageRows;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * 8×8 images of one bright square (side 2 or 4, at even coordinates) on dim noise, with a classification task ("left":
 * is the square's centre in the left half) and a segmentation of the same images ("mask": 1 on the square's pixels,
 * 0 background). Squares cover whole 2×2 blocks, so a trunk pooling to 4×4 can place them exactly.
 */
public final class DenseFixtures {
  static final int SIDE = ImageFixtures.SIDE;

  private DenseFixtures() {}

  /** conv 3×3 padded → 4 channels + 2×2 pool: a 4×4 map, so the dense head up-samples by 2. */
  public static InputSpec trunk() {
    return new InputSpec(List.of(new ImageEncoder.Spec("img", 1, SIDE, SIDE,
        List.of(new ImageEncoder.Layer(4, 3, 1, 1, 2, false)), false, false)));
  }

  public static Task mask() {
    return Task.of("mask", TaskType.segmentation(2, SIDE, SIDE));
  }

  /** The classification and the segmentation on the shared trunk; heads without hidden layers. */
  public static ModelSpec spec(List<Task> tasks) {
    return ModelSpec.of(trunk(), tasks, new SharedBottom.Options(), new Head.Options());
  }

  public static List<Task> both() {
    return List.of(Task.of("left", TaskType.binary(), "accuracy"), mask());
  }

  /** {@code n} images with labels "left" and "mask"; every row labelled. */
  public static Dataset data(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int p = SIDE * SIDE;
    float[] pixels = new float[n * p], mask = new float[n * p], left = new float[n];
    for (int i = 0; i < n; i++) {
      int side = r.nextBoolean() ? 2 : 4, top = 2 * r.nextInt((SIDE - side) / 2 + 1),
          edge = 2 * r.nextInt((SIDE - side) / 2 + 1);
      left[i] = 2 * edge + side <= SIDE ? 1 : 0;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          boolean in = y >= top && y < top + side && x >= edge && x < edge + side;
          pixels[i * p + y * SIDE + x] = (float) (in ? r.nextDouble(0.6, 1) : r.nextDouble(0, 0.3));
          mask[i * p + y * SIDE + x] = in ? 1 : 0;
        }
      }
    }
    ImageRows images = new ImageRows(Tensor.of(pixels, n, p), 1, SIDE, SIDE);
    return Dataset.builder(FeatureRows.of(Map.of("img", images))).task("left", Tensor.of(left, n))
        .task("mask", Tensor.of(mask, n, p)).build();
  }
}
