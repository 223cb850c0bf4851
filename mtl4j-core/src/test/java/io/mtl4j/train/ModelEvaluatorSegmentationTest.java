package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.mtl4j.data.Dataset;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.metrics.Metrics;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A segmentation task is scored one row per labelled pixel: mean IoU and pixel accuracy unless it names others. */
class ModelEvaluatorSegmentationTest {
  // Three images of 1×2 pixels, two classes; probabilities channel-major (class 0's plane, then class 1's).
  static final Tensor PROBABILITIES = Tensor.of(new float[] {
      0.9f, 0.2f, 0.1f, 0.8f, // predicts [0, 1]
      0.3f, 0.4f, 0.7f, 0.6f, // predicts [1, 1]
      0.9f, 0.9f, 0.1f, 0.1f}, 3, 4); // predicts [0, 0], but the image is unlabelled
  static final Dataset DATA = Dataset.builder(Tensor.zeros(3, 1))
      .task("mask", Tensor.of(new float[] {0, 0, 1, -1, 1, 1}, 3, 2), Tensor.of(new float[] {1, 1, 0}, 3)).build();

  @Test
  void scoresLabelledPixelsOfLabelledImages() {
    Task task = Task.of("mask", TaskType.segmentation(2, 1, 2));
    Evaluation e = ModelEvaluator.evaluate(List.of(task), (x, groups) -> Map.of("mask", PROBABILITIES), DATA,
        Metrics.defaults());
    // Counted pixels (prediction, label): (0, 0), (1, 0), (1, 1). Class 0: TP 1, FN 1 → IoU ½; class 1: TP 1, FP 1.
    assertThat(e.metrics("mask")).containsExactly("mean-iou", "pixel-accuracy");
    assertThat(e.score("mask", "pixel-accuracy").value()).isCloseTo(2.0 / 3, offset(1e-12));
    assertThat(e.score("mask", "mean-iou").value()).isCloseTo(0.5, offset(1e-12));
  }

  @Test
  void aSegmentationNamingMetricsGetsThemOnPixelRows() {
    Task task = Task.of("mask", TaskType.segmentation(2, 1, 2), "accuracy", "mean-iou");
    Evaluation e = ModelEvaluator.evaluate(List.of(task), (x, groups) -> Map.of("mask", PROBABILITIES), DATA,
        Metrics.defaults());
    assertThat(e.metrics("mask")).containsExactly("accuracy", "mean-iou");
    assertThat(e.score("mask", "accuracy").value()).isCloseTo(2.0 / 3, offset(1e-12));
  }
}
