package io.mtl4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.io.AtomicWrite;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.Provenance;
import io.mtl4j.io.SavedModel;
import io.mtl4j.quant.Int8Weights;
import io.mtl4j.task.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports an mtl4j model as a standard ONNX graph (opset {@value #OPSET}) with one output per task, named after the
 * task: probabilities for classification, values in the target's units for regression, as {@code predict} gives.
 *
 * <p>Inputs: with the model's preprocessing, {@value InputExport#NUMERIC} (double [rows, numeric columns], NaN =
 * missing) and {@value InputExport#CATEGORICAL} (int64 [rows, categorical columns], one index per column), each
 * present only when the model has such columns; scaling, imputation and one-hot encoding run in the graph. Without
 * preprocessing, {@value #FEATURES} (float [rows, D]). The JSON sidecar ({@link #sidecarOf}) lists the columns in
 * input order, the category lists and the hash that give the indices, and the outputs' meaning.
 */
public final class OnnxExport {
  public static final int OPSET = 17;
  /** IR version 8 goes with opset 17 (ONNX 1.12), so checkers of that release accept the file. */
  public static final int IR_VERSION = 8;
  public static final String FEATURES = "features";

  /** How the graph stores weight matrices. */
  public enum Weights {
    /** As trained. */
    FLOAT32,
    /** {@link Int8Weights}: int8 per output channel, dequantized in the graph (QDQ); about a quarter of the size. */
    INT8
  }

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private OnnxExport() {}

  /** Writes a saved model's graph to {@code out} and its sidecar beside it, each atomically. */
  public static void write(SavedModel saved, Path out) {
    Map<String, Object> pre = saved.metadata().preprocessing();
    Preprocessing p = pre.isEmpty() ? null : Preprocessing.fromMap(pre);
    write(saved.model(), p, saved.metadata().provenance(), out);
  }

  /**
   * Writes the graph of {@code model} with its {@code preprocessing} (null: the graph takes model inputs) and
   * {@code provenance} (may be null) to {@code out}, and the sidecar to {@link #sidecarOf}; an
   * IllegalArgumentException when the model cannot be exported.
   */
  public static void write(MultiTaskModel model, Preprocessing preprocessing, Provenance provenance, Path out) {
    write(model, preprocessing, provenance, out, Weights.FLOAT32);
  }

  /** As above, with the weight matrices stored as {@code weights} says. */
  public static void write(MultiTaskModel model, Preprocessing preprocessing, Provenance provenance, Path out,
                           Weights weights) {
    if (model.spec().groups() != null) {
      // Embedding lookups would map to Gather and convolutions to Conv; not written yet, so refuse rather than
      // export a graph that reads the wrong input.
      throw new IllegalArgumentException("ONNX export: the model reads feature groups (inputs: "
          + model.spec().groups().groups().stream().map(g -> g.group() + " (" + g.kind() + ")").toList()
          + "); export supports models of one dense feature matrix so far");
    }
    ModelProto proto = toModel(model, preprocessing, provenance, weights);
    Map<String, Object> sidecar = Sidecar.of(model, preprocessing, provenance, out.getFileName().toString(), weights);
    AtomicWrite.write(sidecarOf(out), JSON.writeValueAsString(sidecar).getBytes(StandardCharsets.UTF_8));
    AtomicWrite.write(out, proto.toByteArray());
  }

  /** {@code M.onnx} → {@code M.onnx.json}. */
  public static Path sidecarOf(Path out) {
    return out.resolveSibling(out.getFileName() + ".json");
  }

  /** The ONNX model of {@code model}; an IllegalArgumentException naming the reason when it cannot be exported. */
  static ModelProto toModel(MultiTaskModel model, Preprocessing preprocessing, Provenance provenance) {
    return toModel(model, preprocessing, provenance, Weights.FLOAT32);
  }

  /** With int8 weights the graph computes what {@link Int8Weights#model()} predicts. */
  static ModelProto toModel(MultiTaskModel model, Preprocessing preprocessing, Provenance provenance, Weights weights) {
    if (preprocessing != null && preprocessing.width() != model.spec().inputs()) {
      throw new IllegalArgumentException("the network takes " + model.spec().inputs() + " inputs but its preprocessing "
          + "makes " + preprocessing.width());
    }
    ArchitectureExport arch = ArchitectureExports.of(model.spec().architecture());
    OnnxGraph g = new OnnxGraph("mtl4j_" + model.spec().architecture().name().replace('-', '_'));
    for (Task t : model.tasks()) {
      if (t.name().equals(InputExport.NUMERIC) || t.name().equals(InputExport.CATEGORICAL) || t.name().equals(FEATURES)) {
        throw new IllegalArgumentException("task '" + t.name() + "' has the name of a graph input; rename the task");
      }
      g.reserve(t.name());
    }
    Int8Weights int8 = weights == Weights.INT8 ? Int8Weights.quantize(model) : null;
    Layers net = new Layers(g, model.parameters(), int8);
    String x = preprocessing == null ? g.input(FEATURES, OnnxGraph.FLOAT, model.spec().inputs())
        : InputExport.features(net, preprocessing);
    String[] reps = arch.representations(net, model.architecture(), model.spec().architecture(), x, model.tasks().size());
    String[] y = new String[reps.length];
    for (int t = 0; t < reps.length; t++) {
      Task task = model.tasks().get(t);
      if (task.isProduct()) continue;
      LabelEncoder label = preprocessing == null ? null : Sidecar.label(preprocessing, task.name());
      y[t] = HeadExport.predictions(net, task, model.spec().head(), reps[t], label == null ? null : label.scaling());
    }
    for (int t = 0; t < reps.length; t++) {
      Task task = model.tasks().get(t);
      // A product task's probability is its factors' probabilities multiplied (ESMM's pCTCVR = pCTR × pCVR).
      for (String f : task.productOf()) {
        String factor = y[model.spec().taskIndex(f)];
        y[t] = y[t] == null ? factor : g.op("Mul", y[t], factor);
      }
      g.output(task.name(), y[t], OnnxGraph.FLOAT, task.type().outputWidth());
    }
    ModelProto.Builder m = ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("mtl4j")
        .setProducerVersion(ModelFile.MTL4J_VERSION).setDomain("io.mtl4j").setModelVersion(1)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setGraph(g.build("mtl4j " + model.spec().architecture().name() + " model, one output per task"));
    meta(m, "mtl4j.architecture", model.spec().architecture().name());
    meta(m, "mtl4j.weights", weights.name().toLowerCase(java.util.Locale.ROOT));
    if (provenance != null) {
      meta(m, "mtl4j.seed", Long.toString(provenance.seed()));
      if (provenance.dataSha256() != null) meta(m, "mtl4j.dataSha256", provenance.dataSha256());
    }
    return m.build();
  }

  private static void meta(ModelProto.Builder m, String key, String value) {
    m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
  }
}
