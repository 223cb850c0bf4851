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
  public static final String DOCUMENT = ModelFormat.DOCUMENT;
  public static final String FORMAT = ModelFormat.FORMAT;
  public static final int FORMAT_VERSION = ModelFormat.FORMAT_VERSION;
  public static final String DEEP = ModelFormat.DEEP;
  public static final String MTL4J_VERSION = ModelFormat.MTL4J_VERSION;

  private ModelFile() {}

  /** Writes {@code model} with no preprocessing, training config or provenance; read it back with {@link #load}. */
  public static void save(Path file, MultiTaskModel model) {
    save(file, model, ModelMetadata.empty());
  }

  /** Writes {@code model} atomically; refuses a model with a non-finite parameter (never a silent NaN model). */
  public static void save(Path file, MultiTaskModel model, ModelMetadata metadata) {
    save(file, model, metadata, (ModelKey) null);
  }

  /** As above; with a {@code key} (may be null) the file carries an HMAC that {@link #load(Path, ModelKey)} checks. */
  public static void save(Path file, MultiTaskModel model, ModelMetadata metadata, ModelKey key) {
    save(file, model, metadata, key, temp -> java.nio.file.Files.newOutputStream(temp, java.nio.file.StandardOpenOption.WRITE));
  }

  static void save(Path file, MultiTaskModel model, ModelMetadata metadata, TensorArchive.Opener opener) {
    save(file, model, metadata, null, opener);
  }

  private static void save(Path file, MultiTaskModel model, ModelMetadata metadata, ModelKey key,
                           TensorArchive.Opener opener) {
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
    TensorArchive.write(file, DOCUMENT, doc, tensors, Map.of(), key, opener);
  }

  /** Reads, verifies (checksums, format, version, parameter layout) and rebuilds a model. */
  public static SavedModel load(Path file) {
    return load(file, null, ArchiveLimits.DEFAULT);
  }

  /** As above; with a {@code key} (may be null) a file whose HMAC is missing or wrong is refused unparsed. */
  public static SavedModel load(Path file, ModelKey key) {
    return load(file, key, ArchiveLimits.DEFAULT);
  }

  /**
   * As above, within {@code limits}. The spec's parameter count is checked against the tensors the zip directory
   * declares before the model is built, so a spec cannot make the loader allocate more than the file holds.
   */
  public static SavedModel load(Path file, ModelKey key, ArchiveLimits limits) {
    try (ArchiveReader archive = ArchiveReader.open(file, DOCUMENT, limits, key)) {
      Map<String, Object> doc = archive.document();
      ModelFormat.checkVersion(file, doc, FORMAT, FORMAT_VERSION);
      ModelFormat.checkKind(file, doc, DEEP);
      ModelSpec spec = spec(file, doc);
      long declared;
      try {
        declared = MultiTaskModel.parameterCount(spec);
      } catch (RuntimeException e) {
        throw new ModelFileException(file, "has an invalid model spec", e);
      }
      long held = archive.floatSizes().values().stream().mapToLong(Long::longValue).sum();
      if (declared != held) {
        throw new ModelFileException(file, "the model spec declares " + declared + " parameters, its tensors hold "
            + held + " values");
      }
      MultiTaskModel model = MultiTaskModel.create(spec, 0L);
      fill(file, model.parameters(), archive);
      ModelMetadata metadata;
      try {
        metadata = new ModelMetadata(map(doc.get("preprocessing")), map(doc.get("training")),
            Provenance.fromMap(map(doc.get("provenance"))));
      } catch (RuntimeException e) {
        throw new ModelFileException(file, "has an invalid provenance block", e);
      }
      return new SavedModel(model, metadata);
    }
  }

  private static ModelSpec spec(Path file, Map<String, Object> doc) {
    if (!(doc.get("spec") instanceof Map<?, ?> spec)) {
      throw new ModelFileException(file, "has no model spec ('spec' is missing or not an object)");
    }
    try {
      return ModelSpecMaps.fromMap(map(spec));
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "has an invalid model spec", e);
    }
  }

  private static void requireFinite(Path file, ParameterBuffer buffer) {
    for (Parameter p : buffer.parameters()) {
      requireFinite(file, "refusing to save a model whose", p.name(), buffer.values(), p.offset(), p.size());
    }
  }

  /** Refuses a non-finite value in {@code values[from, from + size)}, naming the parameter and the index in it. */
  public static void requireFinite(Path file, String refusal, String name, float[] values, int from, int size) {
    for (int i = from; i < from + size; i++) {
      if (!Float.isFinite(values[i])) {
        throw new ModelFileException(file, refusal + " parameter '" + name + "' holds " + values[i] + " at index "
            + (i - from));
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

  private static void fill(Path file, ParameterBuffer buffer, ArchiveReader archive) {
    Map<String, Long> sizes = archive.floatSizes();
    if (sizes.size() != buffer.parameters().size()) {
      throw new ModelFileException(file, "holds " + sizes.size() + " tensors, the model spec needs "
          + buffer.parameters().size());
    }
    for (Parameter p : buffer.parameters()) {
      Long size = sizes.get(p.name());
      if (size == null) throw new ModelFileException(file, "has no tensor for parameter '" + p.name() + "'");
      if (size != p.size()) {
        throw new ModelFileException(file, "tensor '" + p.name() + "' has " + size + " values, expected " + p.size());
      }
      float[] t = archive.floats(p.name());
      requireFinite(file, "refusing to load a model whose", p.name(), t, 0, t.length);
      System.arraycopy(t, 0, buffer.values(), p.offset(), t.length);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
