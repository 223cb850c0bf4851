package io.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.mtl4j.cli.run.ModelStore;
import io.mtl4j.data.Table;
import io.mtl4j.data.read.CsvSource;
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
      FloatBuffer first = ((OnnxTensor) out.get("first").orElseThrow()).getFloatBuffer();
      FloatBuffer second = ((OnnxTensor) out.get("second").orElseThrow()).getFloatBuffer();
      assertThat(first.remaining()).isEqualTo(table.rows());
      for (int row = 0; row < table.rows(); row++) {
        String[] cells = lines.get(row + 1).split(",");
        // predict prints 6 significant digits: probabilities below 1 carry at most 5e-7 of rounding.
        assertThat((double) first.get(row)).as("row " + row).isCloseTo(Double.parseDouble(cells[2]), offset(1e-5));
        assertThat((double) second.get(row)).as("row " + row).isCloseTo(Double.parseDouble(cells[4]), offset(1e-5));
      }
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
