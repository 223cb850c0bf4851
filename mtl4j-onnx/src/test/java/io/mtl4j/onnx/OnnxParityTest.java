package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.quant.Int8Weights;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every architecture and task type (binary, multiclass, multilabel, regression), exported and run in ONNX Runtime on
 * the raw rows of a CSV file, predicts what mtl4j predicts on the same rows: within 1e-5 absolute. Both run float32;
 * they differ only in summation order and in the float-vs-double rounding of exp and tanh, about 1e-7 on outputs of
 * order 1. A standardised regression target is compared in the model's own standardised units, (y − mean) / std: its
 * values of order 1000 are float32 with a spacing of 6e-5, so 1e-5 in the target's units would ask for more digits
 * than a float holds.
 */
class OnnxParityTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    long seed = 11;
    for (Map.Entry<String, Architecture.Factory> a : ExportFixtures.architectures().entrySet()) {
      for (String kind : ExportFixtures.TASK_KINDS) out.add(Arguments.of(a.getKey(), a.getValue(), List.of(kind), seed++));
      out.add(Arguments.of(a.getKey(), a.getValue(), ExportFixtures.TASK_KINDS, seed++));
    }
    // A product task (ESMM's CTCVR = CTR × CVR) is a Mul of its factors' outputs.
    out.add(Arguments.of("mmoe", ExportFixtures.architectures().get("mmoe"), List.of("binary", "product"), seed));
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {2} seed {3}")
  @MethodSource("cases")
  void onnxRuntimeMatchesMtl4jOnRawRows(String name, Architecture.Factory arch, List<String> kinds, long seed)
      throws Exception {
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 300, seed));
    Preprocessing p = ExportFixtures.fit(table, kinds);
    MultiTaskModel model = ExportFixtures.model(arch, p, seed);
    Map<String, float[]> expected = ExportFixtures.predict(model, p, table);

    byte[] onnx = OnnxExport.toModel(model, p, null).toByteArray();
    Map<String, float[]> actual = OrtRunner.run(onnx, OnnxInputs.of(p, table), List.copyOf(expected.keySet()));

    assertWithin(p, expected, actual, TOLERANCE, name);
  }

  /** Each task's outputs within {@code tolerance}, a standardised regression target in its standardised units. */
  static void assertWithin(Preprocessing p, Map<String, float[]> expected, Map<String, float[]> actual,
                           double tolerance, String name) {
    for (LabelEncoder label : p.labels()) {
      String task = label.spec().task();
      double unit = label.scaling() == null ? 1 : label.scaling().std();
      assertThat(actual.get(task)).as(name + " task " + task).hasSameSizeAs(expected.get(task));
      assertThat(maxAbsDifference(expected.get(task), actual.get(task)) / unit).as(name + " task " + task)
          .isLessThanOrEqualTo(tolerance);
    }
  }

  static Stream<Arguments> architectures() {
    long[] seed = {100};
    return ExportFixtures.architectures().entrySet().stream().map(a -> Arguments.of(a.getKey(), a.getValue(), seed[0]++));
  }

  /**
   * The int8 graph (int8 weights dequantized in the graph) predicts what mtl4j predicts with the same int8 weights:
   * within 1e-4 (the bound; both use the same float weights q·s, so the float tolerance would hold too).
   */
  @ParameterizedTest(name = "{0} seed {2}")
  @MethodSource("architectures")
  void int8GraphMatchesMtl4jsInt8Predictions(String name, Architecture.Factory arch, long seed) throws Exception {
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 300, seed));
    Preprocessing p = ExportFixtures.fit(table, ExportFixtures.TASK_KINDS);
    MultiTaskModel model = ExportFixtures.model(arch, p, seed);
    Map<String, float[]> expected = ExportFixtures.predict(Int8Weights.quantize(model).model(), p, table);
    Map<String, float[]> exact = ExportFixtures.predict(model, p, table);

    byte[] onnx = OnnxExport.toModel(model, p, null, OnnxExport.Weights.INT8).toByteArray();
    Map<String, float[]> actual = OrtRunner.run(onnx, OnnxInputs.of(p, table), List.copyOf(expected.keySet()));

    assertWithin(p, expected, actual, 1e-4, name);
    for (LabelEncoder label : p.labels()) {
      String task = label.spec().task();
      assertThat(maxAbsDifference(exact.get(task), actual.get(task))).as(name + " task " + task + ": int8 is not float")
          .isPositive();
    }
  }

  static double maxAbsDifference(float[] a, float[] b) {
    double max = 0;
    for (int i = 0; i < a.length; i++) max = Math.max(max, Math.abs((double) a[i] - b[i]));
    return max;
  }
}
