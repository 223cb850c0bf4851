package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
import io.mtl4j.onnx.OnnxGroupInputs;
import io.mtl4j.onnx.OnnxInputs;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mtl4j export}: a trained model as an ONNX graph that predicts what {@code mtl4j predict} writes. */
class ExportCommandTest {
  @TempDir Path dir;
  private Path model;

  @BeforeEach
  void train() throws Exception {
    Path config = CliFixture.write(dir, CliFixture.csv(200, 3), CliFixture.CONFIG);
    CliFixture.Result train = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(), "--out",
        dir.resolve("out").toString(), "--quiet");
    assertThat(train.code()).as(train.err()).isZero();
    model = dir.resolve("out/model.mtl4j");
  }

  @Test
  void exportedGraphPredictsWhatPredictWrites() throws Exception {
    Path onnx = dir.resolve("model.onnx");
    CliFixture.Result r = CliFixture.run("export", "--model", model.toString(), "--format", "onnx", "--out",
        onnx.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("model.onnx.json")).content().contains("\"categories\"").contains("\"red\"");
    Path csv = dir.resolve("data.csv"), pred = dir.resolve("pred.csv");
    assertThat(CliFixture.run("predict", "--model", model.toString(), "--input", csv.toString(), "--output",
        pred.toString()).code()).isZero();
    List<String> lines = Files.readAllLines(pred);

    Table table = new CsvSource(CsvSource.Options.defaults()).read(csv);
    OnnxInputs in = OnnxInputs.of(ModelStore.load(model, null).preprocessing(), table);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions());
         OnnxTensor num = OnnxTensor.createTensor(env, DoubleBuffer.wrap(in.numeric()),
             new long[] {in.rows(), in.numericWidth()});
         OnnxTensor cat = OnnxTensor.createTensor(env, LongBuffer.wrap(in.categorical()),
             new long[] {in.rows(), in.categoricalWidth()});
         OrtSession.Result out = session.run(Map.of("numeric", num, "categorical", cat))) {
      assertOutputsMatch(out, lines, table.rows());
    }
  }

  /**
   * A model with feature groups (dense columns, an embedded category, the same column as tokens) trained from the
   * CLI: the exported graph, fed the group inputs the sidecar describes, predicts what {@code mtl4j predict} writes.
   */
  @Test
  void aModelWithFeatureGroupsExportsAGraphThatPredictsWhatPredictWrites() throws Exception {
    // A text column beside the fixture's: a few words, none in every 5th row.
    StringBuilder data = new StringBuilder();
    List<String> rows = CliFixture.csv(200, 3).lines().toList();
    String[] words = {"bright", "dark", "Sky. Sea!", "stone", "red sun"};
    for (int i = 0; i < rows.size(); i++) {
      data.append(rows.get(i)).append(',').append(i == 0 ? "note" : i % 5 == 0 ? "" : words[i % 3] + " " + words[i % 5])
          .append('\n');
    }
    Path config = CliFixture.write(dir, data.toString(), CliFixture.config("tasks:", """
        inputs:
          - {name: numbers, kind: dense, columns: [x1, x2]}
          - {name: categories, kind: categorical, columns: [colour], embeddingDim: 3, hashBuckets: 2}
          - {name: words, kind: tokens, column: note, pooling: max, embeddingDim: 4}
        tasks:"""));
    CliFixture.Result train = CliFixture.run("train", "--config", config.toString(), "--data-dir", dir.toString(),
        "--out", dir.resolve("groups").toString(), "--quiet");
    assertThat(train.code()).as(train.err()).isZero();
    Path grouped = dir.resolve("groups/model.mtl4j"), onnx = dir.resolve("groups.onnx");
    CliFixture.Result r = CliFixture.run("export", "--model", grouped.toString(), "--format", "onnx", "--out",
        onnx.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("groups.onnx.json")).content().contains("\"words\"").contains("\"padding\"");
    Path csv = dir.resolve("data.csv"), pred = dir.resolve("pred.csv");
    assertThat(CliFixture.run("predict", "--model", grouped.toString(), "--input", csv.toString(), "--output",
        pred.toString()).code()).isZero();

    Table table = new CsvSource(CsvSource.Options.defaults()).read(csv);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    Map<String, OnnxTensor> feeds = new java.util.HashMap<>();
    try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
      for (Map.Entry<String, OnnxGroupInputs.Feed> e
          : OnnxGroupInputs.of(ModelStore.load(grouped, null).preprocessing(), table).entrySet()) {
        Object v = e.getValue().values();
        feeds.put(e.getKey(), v instanceof long[] l ? OnnxTensor.createTensor(env, LongBuffer.wrap(l), e.getValue().shape())
            : OnnxTensor.createTensor(env, DoubleBuffer.wrap((double[]) v), e.getValue().shape()));
      }
      assertThat(feeds.keySet()).containsExactlyInAnyOrder("numbers", "categories", "words");
      try (OrtSession.Result out = session.run(feeds)) {
        assertOutputsMatch(out, Files.readAllLines(pred), table.rows());
      }
    } finally {
      for (OnnxTensor t : feeds.values()) t.close();
    }
  }

  /** Both tasks' graph outputs against predict's CSV (columns 2 and 4: each task's probability). */
  private static void assertOutputsMatch(OrtSession.Result out, List<String> lines, int rows) throws Exception {
    FloatBuffer first = ((OnnxTensor) out.get("first").orElseThrow()).getFloatBuffer();
    FloatBuffer second = ((OnnxTensor) out.get("second").orElseThrow()).getFloatBuffer();
    assertThat(first.remaining()).isEqualTo(rows);
    for (int row = 0; row < rows; row++) {
      String[] cells = lines.get(row + 1).split(",");
      // predict prints 6 significant digits: probabilities below 1 carry at most 5e-7 of rounding.
      assertThat((double) first.get(row)).as("row " + row).isCloseTo(Double.parseDouble(cells[2]), offset(1e-5));
      assertThat((double) second.get(row)).as("row " + row).isCloseTo(Double.parseDouble(cells[4]), offset(1e-5));
    }
  }

  @Test
  void existingOutputIsBadInputAndStaysUntouched() throws Exception {
    Path onnx = dir.resolve("model.onnx");
    Files.writeString(onnx, "keep");
    CliFixture.Result r = CliFixture.run("export", "--model", model.toString(), "--out", onnx.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--out").contains("--force");
    assertThat(onnx).hasContent("keep");
    assertThat(dir.resolve("model.onnx.json")).doesNotExist();
  }

  @Test
  void unknownFormatIsBadInputNamingTheFormats() {
    CliFixture.Result r = CliFixture.run("export", "--model", model.toString(), "--format", "tflite", "--out",
        dir.resolve("m.tflite").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("tflite").contains("onnx");
  }

  @Test
  void aFileThatIsNotAModelIsBadInputAndWritesNothing() throws Exception {
    Path bogus = dir.resolve("bogus.mtl4j");
    Files.writeString(bogus, "not a zip");
    CliFixture.Result r = CliFixture.run("export", "--model", bogus.toString(), "--out", dir.resolve("m.onnx").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bogus.mtl4j");
    assertThat(dir.resolve("m.onnx")).doesNotExist();
  }

  @Test
  void int8ExportAndEvaluateSayTheyUseInt8Weights() throws Exception {
    Path i8 = dir.resolve("i8.onnx");
    CliFixture.Result export = CliFixture.run("export", "--model", model.toString(), "--out", i8.toString(), "--int8");
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(dir.resolve("i8.onnx.json")).content().contains("\"weights\" : \"int8");
    Path metrics = dir.resolve("metrics-int8.json");
    CliFixture.Result r = CliFixture.run("evaluate", "--model", model.toString(), "--config",
        dir.resolve("config.yaml").toString(), "--data-dir", dir.toString(), "--int8", "--out", metrics.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(metrics).content().contains("\"weights\" : \"int8\"");
  }
}
