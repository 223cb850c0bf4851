package io.mtl4j.io;

import io.mtl4j.classical.LinearMtlModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A classical linear multi-task model in the {@link ModelFile} container: same zip, manifest and seal, a
 * {@value ModelFile#DOCUMENT} with {@code "kind": "classical"} (formulation, loss, sizes, solver report, the fit's
 * options) and float64 tensors {@code weights} [D, T] (row-major), {@code intercepts} [T] and {@code part.NAME}
 * per formulation part, so predictions come back bit for bit. Never Java serialization.
 */
public final class ClassicalModelFile {
  /** {@code kind} of a classical model's document. */
  public static final String KIND = "classical";
  private static final String WEIGHTS = "weights";
  private static final String INTERCEPTS = "intercepts";
  private static final String PART = "part.";

  /** A loaded model and the options it was fitted with (empty when none were saved). */
  public record Saved(LinearMtlModel model, Map<String, Object> options) {}

  private ClassicalModelFile() {}

  /** Writes {@code model} atomically with the fit's {@code options} (JSON-ready values); refuses non-finite numbers. */
  public static void save(Path file, LinearMtlModel model, Map<String, Object> options) {
    save(file, model, options, null);
  }

  /** As above; with a {@code key} (may be null) the file carries an HMAC that {@link #load(Path, ModelKey)} checks. */
  public static void save(Path file, LinearMtlModel model, Map<String, Object> options, ModelKey key) {
    Map<String, Object> m = new LinkedHashMap<>(model.toMap());
    Map<String, double[]> tensors = new LinkedHashMap<>();
    tensors.put(WEIGHTS, rowMajor(m.remove(WEIGHTS)));
    tensors.put(INTERCEPTS, numbers(m.remove(INTERCEPTS)));
    Map<String, Object> parts = new LinkedHashMap<>();
    ModelFile.map(m.get("parts")).forEach((name, p) -> {
      Map<String, Object> part = new LinkedHashMap<>(ModelFile.map(p));
      tensors.put(PART + name, rowMajor(part.remove("values")));
      parts.put(name, part);
    });
    m.put("parts", parts);
    tensors.forEach((name, v) -> requireFinite(file, "refusing to save a model whose", name, v));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", ModelFile.FORMAT);
    doc.put("formatVersion", ModelFile.FORMAT_VERSION);
    doc.put("kind", KIND);
    doc.put("model", m);
    doc.put("options", options == null ? Map.of() : options);
    doc.put("mtl4jVersion", ModelFile.MTL4J_VERSION);
    TensorArchive.write(file, ModelFile.DOCUMENT, doc, Map.of(), tensors, key);
  }

  /** Reads, verifies (checksums, format, version, kind, tensor sizes) and rebuilds a classical model. */
  public static Saved load(Path file) {
    return load(file, null);
  }

  /** As above; with a {@code key} (may be null) a file whose HMAC is missing or wrong is refused unparsed. */
  public static Saved load(Path file, ModelKey key) {
    TensorArchive.Contents contents = TensorArchive.read(file, ModelFile.DOCUMENT, ArchiveLimits.DEFAULT, key);
    contents.doubles().forEach((name, v) -> requireFinite(file, "refusing to load a model whose", name, v));
    Map<String, Object> doc = contents.document();
    ModelFile.checkVersion(file, doc, ModelFile.FORMAT, ModelFile.FORMAT_VERSION);
    ModelFile.checkKind(file, doc, KIND);
    Map<String, Object> m = new LinkedHashMap<>(ModelFile.map(doc.get("model")));
    try {
      int d = ((Number) m.get("features")).intValue();
      int t = ((Number) m.get("tasks")).intValue();
      m.put(WEIGHTS, rows(file, WEIGHTS, tensor(file, contents, WEIGHTS), d, t));
      m.put(INTERCEPTS, Arrays.stream(tensor(file, contents, INTERCEPTS)).boxed().toList());
      Map<String, Object> parts = new LinkedHashMap<>();
      ModelFile.map(m.get("parts")).forEach((name, p) -> {
        Map<String, Object> part = new LinkedHashMap<>(ModelFile.map(p));
        part.put("values", rows(file, PART + name, tensor(file, contents, PART + name),
            ((Number) part.get("rows")).intValue(), ((Number) part.get("cols")).intValue()));
        parts.put(name, part);
      });
      m.put("parts", parts);
      return new Saved(LinearMtlModel.fromMap(m), ModelFile.map(doc.get("options")));
    } catch (ModelFileException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ModelFileException(file, "has an invalid classical model description", e);
    }
  }

  private static double[] tensor(Path file, TensorArchive.Contents contents, String name) {
    double[] v = contents.doubles().get(name);
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
