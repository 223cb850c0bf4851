package io.mtl4j.io;

import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.ModelSpecMaps;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model file ({@code .mtl4j}): a {@link TensorArchive} whose {@value #DOCUMENT} holds the format version, the
 * model spec (architecture, tasks, head options), the parameter layout, preprocessing, training config and
 * provenance, with one float32 tensor per parameter. Never Java serialization: every byte is JSON or raw floats.
 */
public final class ModelFile {
  public static final String DOCUMENT = "model.json";
  public static final String FORMAT = "mtl4j-model";
  /** Version written; files with a higher version are refused (written by a newer mtl4j). */
  public static final int FORMAT_VERSION = 1;
  /** {@code kind} of a deep model's document (files without the key are deep: written before classical ones). */
  public static final String DEEP = "deep";
  public static final String MTL4J_VERSION = version();

  private ModelFile() {}

  /** Writes {@code model} with no preprocessing, training config or provenance; read it back with {@link #load}. */
  public static void save(Path file, MultiTaskModel model) {
    save(file, model, ModelMetadata.empty());
  }

  /** Writes {@code model} atomically; refuses a model with a non-finite parameter (never a silent NaN model). */
  public static void save(Path file, MultiTaskModel model, ModelMetadata metadata) {
    save(file, model, metadata, null);
  }

  static void save(Path file, MultiTaskModel model, ModelMetadata metadata, TensorArchive.Opener opener) {
    ParameterBuffer buffer = model.parameters();
    requireFinite(file, buffer);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", FORMAT);
    doc.put("formatVersion", FORMAT_VERSION);
    doc.put("kind", DEEP);
    doc.put("spec", ModelSpecMaps.toMap(model.spec()));
    doc.put("parameters", layout(buffer));
    doc.put("preprocessing", metadata.preprocessing());
    doc.put("training", metadata.training());
    doc.put("provenance", metadata.provenance().toMap());
    Map<String, float[]> tensors = new LinkedHashMap<>();
    for (Parameter p : buffer.parameters()) {
      tensors.put(p.name(), Arrays.copyOfRange(buffer.values(), p.offset(), p.offset() + p.size()));
    }
    if (opener == null) {
      TensorArchive.write(file, DOCUMENT, doc, tensors);
    } else {
      TensorArchive.write(file, DOCUMENT, doc, tensors, opener);
    }
  }

  /** Reads, verifies (checksums, format, version, parameter layout) and rebuilds a model. */
  @SuppressWarnings("unchecked")
  public static SavedModel load(Path file) {
    TensorArchive.Contents contents = TensorArchive.read(file, DOCUMENT);
    Map<String, Object> doc = contents.document();
    checkVersion(file, doc, FORMAT, FORMAT_VERSION);
    checkKind(file, doc, DEEP);
    ModelSpec spec;
    try {
      spec = ModelSpecMaps.fromMap((Map<String, ?>) doc.get("spec"));
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "has an invalid model spec", e);
    }
    MultiTaskModel model = MultiTaskModel.create(spec, 0L);
    fill(file, model.parameters(), contents.tensors());
    ModelMetadata metadata = new ModelMetadata(map(doc.get("preprocessing")), map(doc.get("training")),
        Provenance.fromMap(map(doc.get("provenance"))));
    return new SavedModel(model, metadata);
  }

  /** Refuses another kind of file and a version newer than {@code supported}. */
  public static void checkVersion(Path file, Map<String, Object> doc, String format, int supported) {
    if (!format.equals(doc.get("format"))) {
      throw new ModelFileException(file, "format is '" + doc.get("format") + "', expected '" + format + "'");
    }
    if (!(doc.get("formatVersion") instanceof Number v) || v.intValue() < 1) {
      throw new ModelFileException(file, "has no valid formatVersion");
    }
    if (v.intValue() > supported) {
      throw new ModelFileException(file, "has format version " + v + ", this mtl4j (" + MTL4J_VERSION
          + ") reads versions up to " + supported + ": it was written by a newer mtl4j; upgrade to load it");
    }
  }

  /** Refuses a model file of the other kind (deep vs classical) with the loader that reads it. */
  public static void checkKind(Path file, Map<String, Object> doc, String expected) {
    String kind = String.valueOf(doc.getOrDefault("kind", DEEP));
    if (kind.equals(expected)) return;
    String hint = kind.equals(ClassicalModelFile.KIND)
        ? "a classical linear model (formulation '" + ModelFile.map(doc.get("model")).get("formulation")
            + "'); load it with ClassicalModelFile.load"
        : kind.equals(DEEP) ? "a deep model; load it with ModelFile.load (mtl4j predict)"
        : "a model of unknown kind '" + kind + "'";
    throw new ModelFileException(file, "holds " + hint + ", not a " + expected + " model");
  }

  private static void requireFinite(Path file, ParameterBuffer buffer) {
    float[] v = buffer.values();
    for (Parameter p : buffer.parameters()) {
      for (int i = p.offset(); i < p.offset() + p.size(); i++) {
        if (!Float.isFinite(v[i])) {
          throw new ModelFileException(file, "refusing to save a model whose parameter '" + p.name() + "' holds "
              + v[i] + " at index " + (i - p.offset()));
        }
      }
    }
  }

  private static List<Object> layout(ParameterBuffer buffer) {
    List<Object> out = new ArrayList<>();
    for (Parameter p : buffer.parameters()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("shape", Arrays.stream(p.shape()).boxed().toList());
      m.put("owner", p.owner());
      out.add(m);
    }
    return out;
  }

  private static void fill(Path file, ParameterBuffer buffer, Map<String, float[]> tensors) {
    if (tensors.size() != buffer.parameters().size()) {
      throw new ModelFileException(file, "holds " + tensors.size() + " tensors, the model spec needs "
          + buffer.parameters().size());
    }
    for (Parameter p : buffer.parameters()) {
      float[] t = tensors.get(p.name());
      if (t == null) throw new ModelFileException(file, "has no tensor for parameter '" + p.name() + "'");
      if (t.length != p.size()) {
        throw new ModelFileException(file, "tensor '" + p.name() + "' has " + t.length + " values, expected " + p.size());
      }
      System.arraycopy(t, 0, buffer.values(), p.offset(), t.length);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  private static String version() {
    String v = ModelFile.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }
}
