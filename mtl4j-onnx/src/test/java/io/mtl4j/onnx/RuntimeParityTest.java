package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.runtime.RuntimeModel;
import io.mtl4j.runtime.RuntimeTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * mtl4j-runtime, given a saved model file and the raw rows of a CSV, predicts what mtl4j-core predicts on the same
 * rows: every architecture and task type, the parity cases of {@link OnnxParityTest} (it lives here to reuse their
 * model builders, {@link ExportFixtures}). Within 1e-5 absolute, standardised regression targets in their standardised
 * units, for the reason OnnxParityTest gives: both compute in float32 and differ only in summation order.
 */
class RuntimeParityTest {
  private static final double TOLERANCE = 1e-5;

  @TempDir Path dir;

  static Stream<Arguments> cases() {
    return OnnxParityTest.cases();
  }

  @ParameterizedTest(name = "{0} {2} seed {3}")
  @MethodSource("cases")
  void runtimeMatchesMtl4jOnRawRows(String name, Architecture.Factory arch, List<String> kinds, long seed) {
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 300, seed));
    Preprocessing p = ExportFixtures.fit(table, kinds);
    MultiTaskModel model = ExportFixtures.model(arch, p, seed);
    Map<String, float[]> expected = ExportFixtures.predict(model, p, table);
    Path file = dir.resolve("model.mtl4j");
    ModelFile.save(file, model, ModelMetadata.empty().withPreprocessing(p.toMap()));

    RuntimeModel runtime = RuntimeModel.load(file);
    float[] fromRaw = new float[table.rows() * runtime.outputWidth()];
    runtime.predict(rawRows(table), fromRaw);
    float[] fromEncoded = new float[fromRaw.length];
    runtime.predictEncoded(p.features(table, Preprocessing.allRows(table), false).toArray(), table.rows(), fromEncoded);

    assertThat(runtime.tasks()).extracting(RuntimeTask::name).containsExactlyElementsOf(expected.keySet());
    for (LabelEncoder label : p.labels()) {
      String task = label.spec().task();
      double unit = label.scaling() == null ? 1 : label.scaling().std();
      RuntimeTask t = runtime.tasks().stream().filter(x -> x.name().equals(task)).findFirst().orElseThrow();
      assertThat(maxAbsDifference(expected.get(task), fromRaw, runtime.outputWidth(), t) / unit)
          .as(name + " task " + task + " from raw rows").isLessThanOrEqualTo(TOLERANCE);
      assertThat(maxAbsDifference(expected.get(task), fromEncoded, runtime.outputWidth(), t) / unit)
          .as(name + " task " + task + " from encoded features").isLessThanOrEqualTo(TOLERANCE);
    }
  }

  /** Each table row as the column → value map a caller would give: the CSV's text, null where it was missing. */
  static List<Map<String, Object>> rawRows(Table table) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < table.rows(); r++) {
      Map<String, Object> row = new HashMap<>();
      for (int c = 0; c < table.names().size(); c++) {
        int code = table.code(c, r);
        row.put(table.names().get(c), code < 0 ? null : table.values(c).get(code));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Max |expected − actual| over one task's values, {@code actual} holding every task's [rows, outputWidth]. */
  private static double maxAbsDifference(float[] expected, float[] actual, int outputWidth, RuntimeTask t) {
    double max = 0;
    int rows = expected.length / t.width();
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < t.width(); k++) {
        max = Math.max(max, Math.abs((double) expected[r * t.width() + k] - actual[r * outputWidth + t.offset() + k]));
      }
    }
    return max;
  }
}
