package io.mtl4j.encode;

import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded 1×8×8 images in group "img" with two binary tasks: is the left half brighter, is the top half brighter. */
public final class ImageFixtures {
  public static final int SIDE = 8;
  public static final List<Task> TASKS = List.of(Task.of("left", TaskType.binary(), "accuracy"),
      Task.of("top", TaskType.binary(), "accuracy"));

  private ImageFixtures() {}

  /** conv 3×3 → 4 (batch norm) + 2×2 pool, conv 3×3 → 6 padded; flattened or globally averaged. */
  public static ImageEncoder.Spec spec(boolean batchNorm, boolean globalAverage) {
    return new ImageEncoder.Spec("img", 1, SIDE, SIDE, List.of(new ImageEncoder.Layer(4, 3, 1, 0, 2, batchNorm),
        new ImageEncoder.Layer(6, 3, 1, 1, 0, false)), globalAverage, false);
  }

  public static ImageRows images(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] pixels = new float[n * SIDE * SIDE];
    for (int i = 0; i < pixels.length; i++) pixels[i] = (float) r.nextDouble();
    return new ImageRows(Tensor.of(pixels, n, SIDE * SIDE), 1, SIDE, SIDE);
  }

  public static Dataset data(int n, long seed) {
    ImageRows im = images(n, seed);
    float[] p = im.pixels().toArray();
    float[] left = new float[n], top = new float[n];
    for (int i = 0; i < n; i++) {
      double l = 0, t = 0;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          double v = p[i * SIDE * SIDE + y * SIDE + x];
          l += x < SIDE / 2 ? v : -v;
          t += y < SIDE / 2 ? v : -v;
        }
      }
      left[i] = l > 0 ? 1 : 0;
      top[i] = t > 0 ? 1 : 0;
    }
    return Dataset.builder(FeatureRows.of(Map.of("img", im))).task("left", Tensor.of(left, n))
        .task("top", Tensor.of(top, n)).build();
  }
}
