package io.mtl4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.encode.EncoderSpec;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.io.AtomicWrite;
import io.mtl4j.io.ModelFile;
import io.mtl4j.io.Provenance;
import io.mtl4j.io.SavedModel;
import io.mtl4j.quant.Int8Weights;
import io.mtl4j.task.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>A model with feature groups has one input per group, named after it, as its encoder's exporter documents
 * ({@link DenseGroupExport}, {@link CategoricalExport}, {@link TokenExport}, {@link ImageExport}): ids come in padded
 * with −1 and are looked up in the graph (Gather); the steps from raw values to ids (tokenizer, vocabulary, hashing),
 * which have no standard ONNX op, are the caller's, described in the sidecar. Embedding tables and conv kernels stay
 * float32 in an int8 export: only dense weight matrices are quantized ({@link Int8Weights}).
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
    write(model, preprocessing, provenance, out, weights, Set.of());
  }

  /**
   * As above; the token groups named in {@code bags} are read as weighted ids (mtl4j's {@code BagRows}, e.g. term
   * counts), with a second input of weights (see {@link TokenExport}).
   */
  public static void write(MultiTaskModel model, Preprocessing preprocessing, Provenance provenance, Path out,
                           Weights weights, Set<String> bags) {
    ModelProto proto = toModel(model, preprocessing, provenance, weights, bags);
    Map<String, Object> sidecar = Sidecar.of(model, preprocessing, provenance, out.getFileName().toString(), weights,
        bags);
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
    return toModel(model, preprocessing, provenance, weights, Set.of());
  }

  static ModelProto toModel(MultiTaskModel model, Preprocessing preprocessing, Provenance provenance, Weights weights,
                            Set<String> bags) {
    InputSpec groups = model.spec().groups();
    if (preprocessing != null && (groups == null) != (preprocessing.groups() == null)) {
      throw new IllegalArgumentException("ONNX export: the model " + (groups == null ? "reads one feature matrix" : "reads "
          + "feature groups") + " but its preprocessing " + (groups == null ? "fits feature groups" : "fits a matrix"));
    }
    if (groups == null && !bags.isEmpty()) {
      throw new IllegalArgumentException("ONNX export: bags " + bags + " given, but the model reads no feature groups");
    }
    if (preprocessing != null && preprocessing.width() != model.spec().inputs()) {
      throw new IllegalArgumentException("the network takes " + model.spec().inputs() + " inputs but its preprocessing "
          + "makes " + preprocessing.width());
    }
    ArchitectureExport arch = ArchitectureExports.of(model.spec().architecture());
    OnnxGraph g = new OnnxGraph("mtl4j_" + model.spec().architecture().name().replace('-', '_'));
    Set<String> inputs = new HashSet<>(Set.of(InputExport.NUMERIC, InputExport.CATEGORICAL, FEATURES));
    if (groups != null) {
      for (EncoderSpec s : groups.groups()) {
        inputs.add(s.group());
        inputs.add(s.group() + TokenExport.WEIGHTS);
      }
    }
    for (Task t : model.tasks()) {
      HeadExport.requireExportable(t);
      if (inputs.contains(t.name())) {
        throw new IllegalArgumentException("task '" + t.name() + "' has the name of a graph input; rename the task");
      }
      g.reserve(t.name());
    }
    Int8Weights int8 = weights == Weights.INT8 ? Int8Weights.quantize(model) : null;
    Layers net = new Layers(g, model.parameters(), int8);
    GroupsExport.Encoded encoded = groups == null ? null : GroupsExport.of(net, groups,
        model.tasks().stream().map(Task::name).toList(), preprocessing == null ? null : preprocessing.groups(), bags);
    String x = encoded != null ? encoded.shared()
        : preprocessing == null ? g.input(FEATURES, OnnxGraph.FLOAT, model.spec().inputs())
        : InputExport.features(net, preprocessing);
    String[] reps = arch.representations(net, model.architecture(), model.spec().architecture(), x, model.tasks().size());
    String[] y = new String[reps.length];
    for (int t = 0; t < reps.length; t++) {
      Task task = model.tasks().get(t);
      if (task.isProduct()) continue;
      if (encoded != null && encoded.privates() != null) reps[t] = net.concat(reps[t], encoded.privates()[t]);
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
