package io.mtl4j.onnx;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.FeatureEncoder;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.io.Provenance;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON written beside an exported graph: what the graph cannot do (read a CSV, map category strings to indices,
 * hash), the layout of its inputs, the meaning of its outputs, and the model's provenance.
 */
final class Sidecar {
  static final String FORMAT = "mtl4j-onnx-sidecar";
  static final int FORMAT_VERSION = 1;
  static final String HASH = "FNV-1a 32-bit over the value's UTF-16 code units (offset basis 0x811c9dc5, prime "
      + "0x01000193, int arithmetic), then floorMod(hash, buckets)";

  private Sidecar() {}

  static Map<String, Object> of(MultiTaskModel model, Preprocessing p, Provenance provenance, String onnxFile,
                                OnnxExport.Weights weights, Set<String> bags) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("formatVersion", FORMAT_VERSION);
    m.put("onnx", onnxFile);
    m.put("opset", OnnxExport.OPSET);
    m.put("architecture", model.spec().architecture().name());
    m.put("weights", weights == OnnxExport.Weights.INT8
        ? "int8, symmetric per output channel, dequantized in the graph (DequantizeLinear); in ONNX Runtime set the "
          + "session option session.qdq_matmulnbits_accuracy_level=1 to keep float activations (its default, 4, also "
          + "rounds activations to int8 and moves outputs by about 1e-3)" : "float32");
    if (model.spec().groups() != null) {
      m.put("inputs", GroupSidecar.inputs(model.spec().groups(), p == null ? null : p.groups(), bags));
    } else m.put("inputs", p == null ? Map.of(OnnxExport.FEATURES, Map.of("type", "float", "width", model.spec().inputs(),
        "meaning", "the model inputs as mtl4j computes them (no preprocessing was saved with the model)")) : inputs(p));
    m.put("outputs", outputs(model, p));
    if (provenance != null) {
      Map<String, Object> prov = new LinkedHashMap<>();
      prov.put("dataSha256", provenance.dataSha256());
      prov.put("seed", provenance.seed());
      prov.put("mtl4jVersion", provenance.mtl4jVersion());
      m.put("provenance", prov);
    }
    return m;
  }

  private static Map<String, Object> inputs(Preprocessing p) {
    List<Object> numeric = new ArrayList<>(), categorical = new ArrayList<>();
    for (FeatureEncoder e : p.encoders()) (e instanceof FeatureEncoder.Numeric ? numeric : categorical).add(column(e));
    Map<String, Object> m = new LinkedHashMap<>();
    if (!numeric.isEmpty()) m.put(InputExport.NUMERIC, Map.of("type", "double", "columns", numeric));
    if (!categorical.isEmpty()) m.put(InputExport.CATEGORICAL, Map.of("type", "int64", "columns", categorical));
    return m;
  }

  /** How one raw column becomes its input value: a number, or a categorical column's index. */
  static Map<String, Object> column(FeatureEncoder e) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("column", e.column());
    if (e instanceof FeatureEncoder.Numeric n) {
      c.put("scaling", n.scaling());
      c.put("missing", "NaN (the graph imputes the training mean" + (n.indicator() ? " and sets the indicator)" : ")"));
    } else if (e instanceof FeatureEncoder.OneHot o) {
      c.put("encoding", o.ids() ? "ids" : "onehot");
      c.put("index", "position of the value in 'categories'; any other index (missing, unseen, rare) means unknown");
      c.put("categories", o.categories());
    } else if (e instanceof FeatureEncoder.Hashed h) {
      c.put("encoding", "hash");
      c.put("index", HASH + "; -1 when missing");
      c.put("buckets", h.buckets());
    }
    return c;
  }

  private static List<Object> outputs(MultiTaskModel model, Preprocessing p) {
    List<Object> out = new ArrayList<>();
    for (Task t : model.tasks()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("name", t.name());
      o.put("kind", t.type().kind());
      o.put("width", t.type().outputWidth());
      LabelEncoder label = p == null ? null : label(p, t.name());
      TaskType type = t.type();
      if (type instanceof TaskType.Binary) {
        o.put("meaning", "probability of the positive class");
      } else if (type instanceof TaskType.Multiclass) {
        o.put("meaning", "probability of each class");
        if (label != null) o.put("classes", label.classes());
      } else if (type instanceof TaskType.Multilabel) {
        o.put("meaning", "probability of each label");
        if (label != null) o.put("labels", label.spec().columns());
      } else {
        o.put("meaning", label != null && label.scaling() != null
            ? "the value in the target's units (the graph undoes the training standardisation)" : "the value");
      }
      out.add(o);
    }
    return out;
  }

  static LabelEncoder label(Preprocessing p, String task) {
    for (LabelEncoder l : p.labels()) if (l.spec().task().equals(task)) return l;
    return null;
  }
}
