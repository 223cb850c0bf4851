package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.quant.Int8Weights;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models with feature groups — every encoder kind, a private group and all kinds together, under architectures that
 * feed the tasks one input (shared-bottom, MMoE) or several (PLE, cross-stitch) — exported and run in ONNX Runtime on
 * the padded inputs of {@link OnnxGroupInputs} predict what mtl4j predicts on the same rows: within 1e-5 absolute (see
 * {@link OnnxParityTest} for why float32 differs by about 1e-7; here summation order also differs in the pools and
 * convolutions).
 */
class OnnxEncoderParityTest {
  private static final double TOLERANCE = 1e-5;
  private static final List<String> ARCHITECTURES = List.of("shared-bottom", "mmoe", "ple", "cross-stitch");

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    long seed = 40;
    for (Map.Entry<String, GroupFixtures.Case> c : GroupFixtures.cases().entrySet()) {
      String arch = ARCHITECTURES.get((int) (seed % ARCHITECTURES.size()));
      out.add(Arguments.of(c.getKey(), c.getValue(), arch, seed++));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} under {2}, seed {3}")
  @MethodSource("cases")
  void onnxRuntimeMatchesMtl4jForEveryEncoderKind(String name, GroupFixtures.Case c, String arch, long seed)
      throws Exception {
    MultiTaskModel model = GroupFixtures.model(c.spec(), architecture(arch), seed);
    FeatureRows rows = GroupFixtures.rows(c, 70, seed);

    byte[] onnx = OnnxExport.toModel(model, null, null, OnnxExport.Weights.FLOAT32, c.bags()).toByteArray();

    assertParity(predict(model, rows), OrtRunner.runFeeds(onnx, OnnxGroupInputs.of(rows), taskNames()), 0, name);
  }

  /** int8 weights for the dense layers, embedding tables and conv kernels float: mtl4j's int8 predictions, ≤ 1e-4. */
  @ParameterizedTest(name = "{0} under {2}, seed {3}")
  @MethodSource("cases")
  void int8GraphWithFeatureGroupsMatchesMtl4jsInt8Predictions(String name, GroupFixtures.Case c, String arch,
                                                               long seed) throws Exception {
    MultiTaskModel model = GroupFixtures.model(c.spec(), architecture(arch), seed);
    FeatureRows rows = GroupFixtures.rows(c, 70, seed);
    Int8Weights int8 = Int8Weights.quantize(model);

    byte[] onnx = OnnxExport.toModel(model, null, null, OnnxExport.Weights.INT8, c.bags()).toByteArray();
    Map<String, float[]> actual = OrtRunner.runFeeds(onnx, OnnxGroupInputs.of(rows), taskNames());

    assertThat(int8.matrices().keySet()).as("dense layers are int8, encoders (tables, conv kernels) stay float")
        .isNotEmpty().noneMatch(p -> p.contains("encoder."));
    assertParity(predict(int8.model(), rows), actual, 1e-4 - TOLERANCE, name);
    assertThat(OnnxParityTest.maxAbsDifference(predict(model, rows).get("spend"), actual.get("spend")))
        .as(name + ": int8 is not float").isPositive();
  }

  /**
   * Dense, categorical (multi-hot, hashed) and token groups (a conv over words and bigrams, and a private hashed
   * group) fitted on a raw CSV with missing values, unseen categories and empty texts: the graph on the raw columns
   * and the ids the sidecar's rules give predicts what mtl4j predicts from the same file.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mmoe", "cross-stitch"})
  void aMixedModelOnRawCsvRowsMatchesMtl4j(String arch) throws Exception {
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 300, 21));
    Preprocessing p = GroupFixtures.fitRaw(table, ExportFixtures.TASK_KINDS);
    MultiTaskModel model = GroupFixtures.model(p.groups().inputSpec(), ExportFixtures.tasks(p), architecture(arch), 21);
    Map<String, float[]> expected = ExportFixtures.predict(model, p, table);

    byte[] onnx = OnnxExport.toModel(model, p, null).toByteArray();
    Map<String, float[]> actual = OrtRunner.runFeeds(onnx, OnnxGroupInputs.of(p, table), taskNames());

    OnnxParityTest.assertWithin(p, expected, actual, TOLERANCE, arch);
  }

  static Architecture.Factory architecture(String name) {
    return ExportFixtures.architectures().get(name);
  }

  static List<String> taskNames() {
    return GroupFixtures.TASKS.stream().map(Task::name).toList();
  }

  static Map<String, float[]> predict(MultiTaskModel model, FeatureRows rows) {
    Map<String, float[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : model.predict(null, rows, 32).entrySet()) out.put(e.getKey(), e.getValue().toArray());
    return out;
  }

  private static void assertParity(Map<String, float[]> expected, Map<String, float[]> actual, double slack, String name) {
    for (String task : expected.keySet()) {
      assertThat(actual.get(task)).as(name + " task " + task).hasSameSizeAs(expected.get(task));
      assertThat(OnnxParityTest.maxAbsDifference(expected.get(task), actual.get(task))).as(name + " task " + task)
          .isLessThanOrEqualTo(TOLERANCE + slack);
    }
  }
}
