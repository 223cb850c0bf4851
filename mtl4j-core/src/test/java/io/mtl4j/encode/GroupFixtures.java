package io.mtl4j.encode;

import io.mtl4j.autodiff.EmbeddingBag.Pooling;
import io.mtl4j.data.Dataset;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Seeded rows with a dense group "x" (4 columns) and a categorical group "cat" (one single, one multi-hot field). */
public final class GroupFixtures {
  public static final List<Task> TASKS = List.of(Task.of("sum", TaskType.regression(), "rmse"),
      Task.of("sign", TaskType.binary(), "auc"));
  public static final int COLORS = 5, TAGS = 7;

  private GroupFixtures() {}

  /** The dense group plus the categorical group, shared or private. */
  public static InputSpec spec(boolean privateCategories) {
    return new InputSpec(List.of(new DenseEncoder.Spec("x", 4, false), new CategoricalEncoder.Spec("cat",
        List.of(new CategoricalEncoder.Field("color", COLORS, 3), new CategoricalEncoder.Field("tags", TAGS, 2)),
        Pooling.MEAN, privateCategories)));
  }

  /** y_sum = Σ x + color effect, y_sign = [x0 − x1 + tags effect > 0]; rows may have no tags. */
  public static Dataset data(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * 4], sum = new float[rows], sign = new float[rows];
    int[] color = new int[rows], tagOffsets = new int[rows + 1];
    int[] tags = new int[rows * 3];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < 4; j++) {
        x[i * 4 + j] = (float) r.nextGaussian();
        sum[i] += x[i * 4 + j];
      }
      color[i] = r.nextInt(COLORS);
      sum[i] += color[i] - 2;
      int n = r.nextInt(4);
      float tagEffect = 0;
      for (int k = 0; k < n; k++) {
        tags[tagOffsets[i] + k] = r.nextInt(TAGS);
        tagEffect += tags[tagOffsets[i] + k] % 2 == 0 ? 1 : -1;
      }
      tagOffsets[i + 1] = tagOffsets[i] + n;
      sign[i] = x[i * 4] - x[i * 4 + 1] + tagEffect > 0 ? 1f : 0f;
    }
    Map<String, GroupRows> groups = new LinkedHashMap<>();
    groups.put("x", new DenseRows(Tensor.of(x, rows, 4)));
    groups.put("cat", new CategoricalRows(List.of(IdRows.single(color), new IdRows(tagOffsets, tags))));
    return Dataset.builder(FeatureRows.of(groups)).task("sum", Tensor.of(sum, rows))
        .task("sign", Tensor.of(sign, rows)).build();
  }
}
