package io.mtl4j.io;

import io.mtl4j.classical.ClassicalModel;
import io.mtl4j.classical.LinearMtlModel;
import io.mtl4j.classical.MultiTaskSVM;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classical multi-task model in the {@link ModelFile} container: same zip, manifest, seal and limits, a
 * {@value ModelFile#DOCUMENT} with {@code "kind": "classical"} (formulation, sizes, solver report, the fit's options,
 * and optionally the CLI's preprocessing, training map and provenance) and float64 tensors, so predictions come back
 * bit for bit. Linear models store {@code weights} [D, T] (row-major), {@code intercepts} [T] and {@code part.NAME}
 * per formulation part; MT-SVM models (see {@link SvmModelMaps}) their support vectors. Never Java serialization.
 */
public final class ClassicalModelFile {
  /** {@code kind} of a classical model's document. */
  public static final String KIND = ModelFormat.CLASSICAL;
  private static final String WEIGHTS = "weights";
  private static final String INTERCEPTS = "intercepts";
  private static final String PART = "part.";

  /**
   * A loaded model, the options it was fitted with (empty when none were saved) and its metadata (empty maps and
   * unknown provenance when none was saved).
   */
  public record Saved(ClassicalModel model, Map<String, Object> options, ModelMetadata metadata) {
    /** The model as a linear one; fails naming the formulation when it is not (MT-SVM). */
    public LinearMtlModel linear() {
      if (model instanceof LinearMtlModel m) return m;
      throw new IllegalStateException("formulation '" + model.formulation() + "' is not a linear model");
    }
  }

  private ClassicalModelFile() {}

  /** Writes {@code model} atomically with the fit's {@code options} (JSON-ready values); refuses non-finite numbers. */
  public static void save(Path file, ClassicalModel model, Map<String, Object> options) {
    save(file, model, options, null);
  }

  /** As above; with a {@code key} (may be null) the file carries an HMAC that {@link #load(Path, ModelKey)} checks. */
  public static void save(Path file, ClassicalModel model, Map<String, Object> options, ModelKey key) {
    save(file, model, options, null, key);
  }

  /**
   * As above, with {@code metadata} (may be null: then the document has no preprocessing, training or provenance
   * block, as files written before it existed).
   */
  public static void save(Path file, ClassicalModel model, Map<String, Object> options, ModelMetadata metadata,
                          ModelKey key) {
    Map<String, double[]> tensors = new LinkedHashMap<>();
    Map<String, Object> m = model instanceof MultiTaskSVM.Model svm ? SvmModelMaps.toMap(svm, tensors)
        : linearToMap((LinearMtlModel) model, tensors);
    tensors.forEach((name, v) -> requireFinite(file, "refusing to save a model whose", name, v));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", ModelFile.FORMAT);
    doc.put("formatVersion", ModelFile.FORMAT_VERSION);
    doc.put("kind", KIND);
    doc.put("model", m);
    doc.put("options", options == null ? Map.of() : options);
    doc.put("mtl4jVersion", ModelFile.MTL4J_VERSION);
    if (metadata != null) {
      doc.put("preprocessing", metadata.preprocessing());
      doc.put("training", metadata.training());
      doc.put("provenance", metadata.provenance().toMap());
    }
    TensorArchive.write(file, ModelFile.DOCUMENT, doc, Map.of(), tensors, key);
  }

  private static Map<String, Object> linearToMap(LinearMtlModel model, Map<String, double[]> tensors) {
    Map<String, Object> m = new LinkedHashMap<>(model.toMap());
    tensors.put(WEIGHTS, rowMajor(m.remove(WEIGHTS)));
    tensors.put(INTERCEPTS, numbers(m.remove(INTERCEPTS)));
    Map<String, Object> parts = new LinkedHashMap<>();
    ModelFile.map(m.get("parts")).forEach((name, p) -> {
      Map<String, Object> part = new LinkedHashMap<>(ModelFile.map(p));
      tensors.put(PART + name, rowMajor(part.remove("values")));
      parts.put(name, part);
    });
    m.put("parts", parts);
    return m;
  }

  /** Reads, verifies (checksums, format, version, kind, tensor sizes) and rebuilds a classical model. */
  public static Saved load(Path file) {
    return load(file, null);
  }

  /** As above; with a {@code key} (may be null) a file whose HMAC is missing or wrong is refused unparsed. */
  public static Saved load(Path file, ModelKey key) {
    return load(file, key, ArchiveLimits.DEFAULT);
  }

  /**
   * As above, within {@code limits}; sizes in the document that the loader would allocate from (MT-SVM: tasks ×
   * features) count against {@link ArchiveLimits#maxValues} as tensors do.
   */
  public static Saved load(Path file, ModelKey key, ArchiveLimits limits) {
    TensorArchive.Contents contents = TensorArchive.read(file, ModelFile.DOCUMENT, limits, key);
    contents.doubles().forEach((name, v) -> requireFinite(file, "refusing to load a model whose", name, v));
    Map<String, Object> doc = contents.document();
    ModelFormat.checkVersion(file, doc, ModelFile.FORMAT, ModelFile.FORMAT_VERSION);
    ModelFormat.checkKind(file, doc, KIND);
    Map<String, Object> m = new LinkedHashMap<>(ModelFile.map(doc.get("model")));
    try {
      ClassicalModel model = SvmModelMaps.KIND.equals(m.get("kind")) ? SvmModelMaps.fromMap(file, m, contents.doubles(), limits)
          : linearFromMap(file, m, contents);
      return new Saved(model, ModelFile.map(doc.get("options")), metadata(doc));
    } catch (ModelFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "has an invalid classical model description", e);
    }
  }

  /** True when {@code file} is a verified model file of kind {@value #KIND} (checksums and seal are checked). */
  public static boolean isClassical(Path file, ModelKey key) {
    try (ArchiveReader archive = ArchiveReader.open(file, ModelFile.DOCUMENT, ArchiveLimits.DEFAULT, key)) {
      return KIND.equals(archive.document().get("kind"));
    }
  }

  private static ModelMetadata metadata(Map<String, Object> doc) {
    if (!doc.containsKey("provenance")) return ModelMetadata.empty();
    return new ModelMetadata(ModelFile.map(doc.get("preprocessing")), ModelFile.map(doc.get("training")),
        Provenance.fromMap(ModelFile.map(doc.get("provenance"))));
  }

  private static LinearMtlModel linearFromMap(Path file, Map<String, Object> m, TensorArchive.Contents contents) {
    int d = ((Number) m.get("features")).intValue();
    int t = ((Number) m.get("tasks")).intValue();
    m.put(WEIGHTS, rows(file, WEIGHTS, tensor(file, contents, WEIGHTS), d, t));
    double[] intercepts = tensor(file, contents, INTERCEPTS);
    if (intercepts.length != t) {
      throw new ModelFileException(file, "tensor '" + INTERCEPTS + "' has " + intercepts.length + " values, expected " + t);
    }
    m.put(INTERCEPTS, Arrays.stream(intercepts).boxed().toList());
    Map<String, Object> parts = new LinkedHashMap<>();
    ModelFile.map(m.get("parts")).forEach((name, p) -> {
      Map<String, Object> part = new LinkedHashMap<>(ModelFile.map(p));
      part.put("values", rows(file, PART + name, tensor(file, contents, PART + name),
          ((Number) part.get("rows")).intValue(), ((Number) part.get("cols")).intValue()));
      parts.put(name, part);
    });
    m.put("parts", parts);
    return LinearMtlModel.fromMap(m);
  }

  private static double[] tensor(Path file, TensorArchive.Contents contents, String name) {
    return tensor(file, contents.doubles(), name);
  }

  static double[] tensor(Path file, Map<String, double[]> doubles, String name) {
    double[] v = doubles.get(name);
    if (v == null) throw new ModelFileException(file, "has no float64 tensor '" + name + "'");
    return v;
  }

  private static List<List<Double>> rows(Path file, String name, double[] v, int rows, int cols) {
    if (v.length != (long) rows * cols) {
      throw new ModelFileException(file, "tensor '" + name + "' has " + v.length + " values, expected " + rows
          + "×" + cols);
    }
    List<List<Double>> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) out.add(Arrays.stream(v, i * cols, (i + 1) * cols).boxed().toList());
    return out;
  }

  private static double[] rowMajor(Object rows) {
    return ((List<?>) rows).stream().flatMapToDouble(r -> Arrays.stream(numbers(r))).toArray();
  }

  private static double[] numbers(Object list) {
    return ((List<?>) list).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
  }

  private static void requireFinite(Path file, String refusal, String name, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new ModelFileException(file, refusal + " '" + name + "' holds " + v[i] + " at index " + i);
      }
    }
  }
}
