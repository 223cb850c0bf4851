package io.mtl4j.cli.run;

import io.mtl4j.data.LabelEncoder;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * One task's prediction for one row, as {@code predict} writes it and {@code serve} answers it: named values (the CSV
 * column is {@code <task>_<name>}). Binary: 0/1 and the probability of 1; multiclass: the most likely class and its
 * probability; regression: the value in label units; multilabel: one probability per label column; segmentation: the
 * most likely class of each pixel, named by its mask column.
 */
public final class TaskPredictions {
  private TaskPredictions() {}

  /**
   * The label tasks whose predictions {@code predict} and {@code serve} give by default: the main tasks, in
   * preprocessing order. Auxiliary tasks serve the main ones during training and are left out ({@code predict
   * --auxiliary} adds them).
   */
  public static List<LabelEncoder> mainTasks(io.mtl4j.data.Preprocessing p, List<io.mtl4j.task.Task> tasks) {
    java.util.Set<String> auxiliary = new java.util.HashSet<>();
    for (io.mtl4j.task.Task t : tasks) if (t.isAuxiliary()) auxiliary.add(t.name());
    return p.labels().stream().filter(l -> !auxiliary.contains(l.spec().task())).toList();
  }

  /** The value names of {@code label}'s task, in the order {@link #values} gives them. */
  public static List<String> names(LabelEncoder label) {
    return switch (label.spec().type()) {
      case "regression" -> List.of("prediction");
      case "multilabel" -> {
        List<String> out = new ArrayList<>();
        for (String c : label.spec().columns()) out.add(c + "_probability");
        yield out;
      }
      case "segmentation" -> label.spec().columns();
      default -> List.of("prediction", "probability");
    };
  }

  /**
   * Row {@code r}'s values from the task's network outputs {@code y} [B, k]: an Integer 0/1 (binary), a String
   * class (multiclass) or a Float.
   */
  public static Object[] values(LabelEncoder label, Tensor y, int r) {
    int k = y.cols();
    switch (label.spec().type()) {
      case "regression" -> {
        return new Object[] {label.original(y.get(r * k))};
      }
      case "multilabel" -> {
        Object[] out = new Object[k];
        for (int j = 0; j < k; j++) out[j] = y.get(r * k + j);
        return out;
      }
      case "segmentation" -> {
        return pixelClasses(label.spec().classes(), y, r);
      }
      case "multiclass" -> {
        int best = 0;
        for (int j = 1; j < k; j++) if (y.get(r * k + j) > y.get(r * k + best)) best = j;
        return new Object[] {label.classes().get(best), y.get(r * k + best)};
      }
      default -> {
        float p = y.get(r * k);
        return new Object[] {p >= 0.5f ? 1 : 0, p};
      }
    }
  }

  /** Each pixel's most likely class (Integer) from row {@code r} of [B, K·H·W] channel-major probabilities. */
  private static Object[] pixelClasses(int classes, Tensor y, int r) {
    int pixels = y.cols() / classes, row = r * y.cols();
    Object[] out = new Object[pixels];
    for (int q = 0; q < pixels; q++) {
      int best = 0;
      for (int k = 1; k < classes; k++) if (y.get(row + k * pixels + q) > y.get(row + best * pixels + q)) best = k;
      out[q] = best;
    }
    return out;
  }
}
