package io.mtl4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.data.Table;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.io.Provenance;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The export API around the graph: files, sidecar, models without preprocessing, and models it refuses. */
class OnnxExportTest {
  @TempDir Path dir;

  /** An architecture from outside the registry: nothing knows how to export it. */
  record Custom(SharedBottom.Options inner) implements Architecture.Factory {
    public String name() {
      return "custom";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return inner.create(builder, inputs, tasks);
    }
  }

  @Test
  void writesTheGraphAndItsSidecarFromASavedModelAndNoTemporaryFile() throws Exception {
    Table table = ExportFixtures.read(ExportFixtures.csv(dir, "rows.csv", 150, 3));
    Preprocessing p = ExportFixtures.fit(table, ExportFixtures.TASK_KINDS);
    MultiTaskModel model = ExportFixtures.model(ExportFixtures.architectures().get("mmoe"), p, 3);
    Path file = dir.resolve("model.mtl4j");
    ModelFile.save(file, model, new ModelMetadata(p.toMap(), Map.of(), Provenance.of("ab12", 42, 1)));
    Path out = dir.resolve("model.onnx");

    OnnxExport.write(ModelFile.load(file), out);

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("rows.csv", "model.mtl4j", "model.onnx", "model.onnx.json");
    }
    Map<?, ?> sidecar = JsonMapper.builder().build().readValue(out.resolveSibling("model.onnx.json").toFile(), Map.class);
    assertThat(sidecar.get("onnx")).isEqualTo("model.onnx");
    String text = sidecar.toString();
    assertThat(text).contains("column=age").contains("scaling=log").contains("categories=[black, blue, green, red]")
        .contains("encoding=hash").contains("FNV-1a").contains("classes=[high, low, mid]").contains("dataSha256=ab12");
    assertThat(List.copyOf(((Map<?, ?>) sidecar.get("inputs")).keySet())).isEqualTo(List.of("numeric", "categorical"));
  }

  @Test
  void aModelWithoutPreprocessingTakesTheModelInputsAsTheyAre() throws Exception {
    List<Task> tasks = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.multiclass(3)),
        Task.of("c", TaskType.regression()));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(6, tasks, new SharedBottom.Options(8), null), 9);
    Random r = new Random(9);
    float[] x = new float[40 * 6];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    Map<String, Tensor> expected = model.predict(Tensor.of(x, 40, 6), 16);

    byte[] onnx = OnnxExport.toModel(model, null, null).toByteArray();
    Map<String, float[]> actual = OrtRunner.runFeatures(onnx, x, 40, List.of("a", "b", "c"));

    for (String t : List.of("a", "b", "c")) {
      assertThat(OnnxParityTest.maxAbsDifference(expected.get(t).toArray(), actual.get(t))).as(t).isLessThanOrEqualTo(1e-5);
    }
  }

  @Test
  void anAuxiliaryTaskWithTargetsFromTheInputIsRefusedSayingHowToRemoveIt() {
    ModelSpec spec = new ModelSpec(4, List.of(Task.of("a", TaskType.binary()), Task.of("side", TaskType.binary())
        .withAuxiliary(io.mtl4j.task.Auxiliary.labelled()), Task.reconstruction("recon", 4, null)),
        new SharedBottom.Options(8), null);
    MultiTaskModel model = MultiTaskModel.create(spec, 1);
    Path out = dir.resolve("m.onnx");
    assertThatThrownBy(() -> OnnxExport.write(model, null, null, out)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 'recon' is an auxiliary reconstruction task")
        .hasMessageContaining("mtl4j remove-task --task recon");
    assertThat(out).doesNotExist();
    // An auxiliary task read from label columns is an ordinary head: it is exported.
    MultiTaskModel labelled = io.mtl4j.arch.TaskSurgery.removeTask(model, "recon");
    OnnxExport.write(labelled, null, null, out);
    assertThat(out).exists();
  }

  @Test
  void anArchitectureWithoutAnExporterIsRefusedNamingTheExportableOnes() {
    ModelSpec spec = new ModelSpec(4, List.of(Task.of("a", TaskType.binary())), new Custom(new SharedBottom.Options(8)),
        null);
    MultiTaskModel model = MultiTaskModel.create(spec, 1);
    Path out = dir.resolve("m.onnx");
    assertThatThrownBy(() -> OnnxExport.write(model, null, null, out)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("architecture 'custom'").hasMessageContaining("no ONNX export")
        .hasMessageContaining("MMoE").hasMessageContaining("CrossStitch");
    assertThat(out).doesNotExist();
    assertThat(OnnxExport.sidecarOf(out)).doesNotExist();
  }

  @Test
  void aModelWithFeatureGroupsTakesOneInputPerGroupDescribedInTheSidecar() throws Exception {
    GroupFixtures.Case mixed = GroupFixtures.cases().get("mixed");
    MultiTaskModel model = GroupFixtures.model(mixed.spec(), new SharedBottom.Options(8), 1);
    Path out = dir.resolve("m.onnx");

    OnnxExport.write(model, null, null, out);

    ai.onnx.proto.OnnxMl.GraphProto graph = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(out)).getGraph();
    assertThat(graph.getInputList().stream().map(i -> i.getName()))
        .containsExactly("x", "cat", "text", "pixels", "own");
    assertThat(graph.getNodeList().stream().map(n -> n.getOpType()))
        .contains("Gather", "ReduceSum", "Conv", "BatchNormalization", "MaxPool", "ReduceMax");
    Map<?, ?> inputs = (Map<?, ?>) JsonMapper.builder().build().readValue(OnnxExport.sidecarOf(out).toFile(), Map.class)
        .get("inputs");
    assertThat(inputs.keySet().stream().map(String::valueOf)).containsExactly("x", "cat", "text", "pixels", "own");
    assertThat(inputs.get("cat").toString()).contains("type=int64").contains("shape=[rows, 2, ids]")
        .contains("padding=each row's ids first, then -1").contains("field=colour").contains("tableRows=13");
    assertThat(inputs.get("pixels").toString()).contains("shape=[rows, 2, 11, 10]").contains("NCHW");
    assertThat(inputs.get("own").toString()).contains("private=true").contains("shape=[rows, 5]");
  }

  @Test
  void aBagMustNameATokenGroupOfTheModel() {
    GroupFixtures.Case mixed = GroupFixtures.cases().get("mixed");
    MultiTaskModel model = GroupFixtures.model(mixed.spec(), new SharedBottom.Options(8), 1);
    assertThatThrownBy(() -> OnnxExport.toModel(model, null, null, OnnxExport.Weights.FLOAT32, java.util.Set.of("cat")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bag group 'cat' is not a token group")
        .hasMessageContaining("text (tokens)");
  }

  @Test
  void aTaskNamedAfterAFeatureGroupIsRefused() {
    io.mtl4j.encode.InputSpec groups = new io.mtl4j.encode.InputSpec(List.of(GroupFixtures.dense("clicked", false)));
    MultiTaskModel model = MultiTaskModel.create(ModelSpec.of(groups, List.of(Task.of("clicked", TaskType.binary())),
        new SharedBottom.Options(8), new Head.Options()), 1);
    assertThatThrownBy(() -> OnnxExport.toModel(model, null, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 'clicked'").hasMessageContaining("graph input");
  }

  @Test
  void aTaskNamedAfterAGraphInputIsRefused() {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, List.of(Task.of("features", TaskType.binary())),
        new SharedBottom.Options(8), null), 1);
    assertThatThrownBy(() -> OnnxExport.toModel(model, null, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task 'features'").hasMessageContaining("graph input");
  }

  @Test
  void aMissingOutputDirectoryIsNamed() {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, List.of(Task.of("a", TaskType.binary())),
        new SharedBottom.Options(8), null), 1);
    Path out = dir.resolve("absent/m.onnx");
    assertThatThrownBy(() -> OnnxExport.write(model, null, null, out)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent").hasMessageContaining("does not exist");
  }

  @Test
  void int8WeightsMakeTheFileAboutAQuarterOfFloat32() {
    List<Task> tasks = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.regression()));
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(40, tasks, new MMoE.Options(8, 64, 32),
        new Head.Options(16)), 2);
    int f32 = OnnxExport.toModel(model, null, null, OnnxExport.Weights.FLOAT32).getSerializedSize();
    int i8 = OnnxExport.toModel(model, null, null, OnnxExport.Weights.INT8).getSerializedSize();
    // Weights are 1 byte instead of 4; scales, biases and the graph itself stay.
    assertThat((double) i8 / f32).isBetween(0.25, 0.32);
  }
}
