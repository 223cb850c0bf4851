package io.mtl4j.quant;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.nn.Parameter;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Int8WeightsTest {
  static LongStream seeds() {
    return LongStream.rangeClosed(1, 20);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void everyWeightIsWithinHalfAStepOfItsInt8Value(long seed) {
    Random r = new Random(seed);
    int rows = 1 + r.nextInt(40), cols = 1 + r.nextInt(30);
    float[] w = new float[rows * cols];
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * Math.exp(r.nextGaussian()));
    Int8Weights.Matrix m = Int8Weights.quantize("w", w, 0, rows, cols);
    for (int j = 0; j < cols; j++) {
      float s = m.scales()[j];
      int largest = 0;
      for (int i = 0; i < rows; i++) {
        // Half a quantization step, plus float rounding of w / s and q · s (a few ulps of s · 127).
        assertThat(Math.abs(w[i * cols + j] - m.dequantized(i, j))).isLessThanOrEqualTo(s / 2 + 1e-6f * s * 127);
        largest = Math.max(largest, Math.abs(m.values()[i * cols + j]));
      }
      assertThat(largest).as("each column's largest weight maps to ±127").isEqualTo(127);
    }
  }

  @Test
  void anAllZeroColumnStaysZero() {
    Int8Weights.Matrix m = Int8Weights.quantize("w", new float[] {0, 1, 0, -2}, 0, 2, 2);
    assertThat(m.dequantized(0, 0)).isZero();
    assertThat(m.dequantized(1, 0)).isZero();
    assertThat(m.scales()[0]).isPositive();
    assertThat(m.dequantized(1, 1)).isEqualTo(-2f);
  }

  @Test
  void quantizesWeightMatricesOnlyAndLeavesTheModelUnchanged() {
    MultiTaskModel model = model(3);
    float[] before = model.parameters().values().clone();
    Int8Weights q = Int8Weights.quantize(model);

    assertThat(model.parameters().values()).isEqualTo(before);
    assertThat(q.matrices().keySet()).contains("experts.0.weight", "experts.1.weight", "gate0.weight",
        "head.a.tower.0.weight", "head.b.out.weight").noneMatch(n -> n.endsWith(".bias"));
    for (Parameter p : q.model().parameters().parameters()) {
      float[] after = q.model().parameters().value(p).toArray();
      float[] original = model.parameters().value(p).toArray();
      if (q.matrix(p.name()) == null) {
        assertThat(after).as(p.name()).isEqualTo(original);
      } else {
        assertThat(after).as(p.name()).isNotEqualTo(original);
      }
    }
    assertThat(q.floatParameters()).allMatch(n -> n.endsWith(".bias"));
    // Weights dominate this model: int8 storage is a bit over a quarter of float32's.
    assertThat((double) q.bytes() / (4.0 * model.parameters().size())).isBetween(0.25, 0.4);
  }

  @Test
  void predictionsMoveByLessThanAPercent() {
    MultiTaskModel model = model(5);
    Random r = new Random(5);
    float[] x = new float[200 * 10];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    Tensor features = Tensor.of(x, 200, 10);
    float[] exact = model.predict(features, 64).get("a").toArray();
    float[] int8 = Int8Weights.quantize(model).model().predict(features, 64).get("a").toArray();
    double max = 0;
    for (int i = 0; i < exact.length; i++) max = Math.max(max, Math.abs(exact[i] - int8[i]));
    assertThat(max).as("probabilities move, but little").isGreaterThan(0).isLessThan(0.01);
  }

  private static MultiTaskModel model(long seed) {
    List<Task> tasks = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.multiclass(3)));
    return MultiTaskModel.create(new ModelSpec(10, tasks, new MMoE.Options(4, 16, 8), new Head.Options(8)), seed);
  }
}
