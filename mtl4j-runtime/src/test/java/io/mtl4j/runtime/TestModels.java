package io.mtl4j.runtime;

import io.mtl4j.io.ModelFormat;
import io.mtl4j.io.TensorArchive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Model files written the way mtl4j-core writes them ({@code model.json} with spec, parameter layout and
 * preprocessing, one float32 tensor per parameter), built here by hand because the runtime's tests cannot use core.
 * Parameters are named as core names them; the parity with core itself is RuntimeParityTest's (mtl4j-onnx).
 */
final class TestModels {
  private final Map<String, float[]> tensors = new LinkedHashMap<>();
  private final List<Object> layout = new ArrayList<>();
  private final SplittableRandom random;

  private TestModels(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /**
   * An MMoE over raw columns {@code age} (standardised, may be missing: an indicator), {@code colour} (one-hot of
   * red, green, blue) and {@code city} (hashed into 8 buckets): 4 experts of 8, a binary task {@code clicked} and a
   * standardised regression task {@code spend}; seeded random weights.
   */
  static Path mmoe(Path dir, long seed) {
    TestModels m = new TestModels(seed);
    int inputs = 2 + 4 + 8;
    m.random("experts.0.weight", inputs, 32);
    m.random("experts.0.bias", 32);
    for (int t = 0; t < 2; t++) {
      m.random("gate" + t + ".weight", inputs, 4);
      m.random("gate" + t + ".bias", 4);
    }
    for (String task : List.of("clicked", "spend")) {
      m.random("head." + task + ".tower.0.weight", 8, 5);
      m.random("head." + task + ".tower.0.bias", 5);
      m.random("head." + task + ".out.weight", 5, 1);
      m.random("head." + task + ".out.bias", 1);
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("experts", 4);
    options.put("expertHidden", List.of(8));
    options.put("activation", "relu");
    options.put("dropout", 0.0);
    options.put("gate", "softmax");
    options.put("selectors", 2);
    options.put("gamma", 1.0);
    List<Object> tasks = List.of(task("clicked", "binary"), task("spend", "regression"));
    Map<String, Object> pre = new LinkedHashMap<>();
    pre.put("formatVersion", 1);
    pre.put("features", List.of(
        Map.of("kind", "numeric", "column", "age", "scaling", "standardise", "shift", 40.0, "scale", 12.0,
            "impute", 0.25, "indicator", true),
        Map.of("kind", "onehot", "column", "colour", "categories", List.of("blue", "green", "red")),
        Map.of("kind", "hash", "column", "city", "buckets", 8)));
    pre.put("labels", List.of(Map.of("task", "spend", "type", "regression", "columns", List.of("y"),
        "standardise", Map.of("mean", 1000.0, "std", 250.0))));
    return m.write(dir.resolve("mmoe.mtl4j"), spec(inputs, "mmoe", options, tasks, List.of(5)), pre);
  }

  static Map<String, Object> task(String name, String type) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("name", name);
    t.put("type", type);
    return t;
  }

  static Map<String, Object> spec(int inputs, String architecture, Map<String, Object> options, List<Object> tasks,
                                  List<Integer> headHidden) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("inputs", inputs);
    spec.put("architecture", Map.of("name", architecture, "options", options));
    spec.put("tasks", tasks);
    spec.put("head", Map.of("hidden", headHidden, "activation", "relu", "dropout", 0.0));
    return spec;
  }

  /** A builder for hand-written models; {@link #put} its parameters, then {@link #write}. */
  static TestModels builder() {
    return new TestModels(0);
  }

  TestModels put(String name, float[] values, int... shape) {
    tensors.put(name, values);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name);
    List<Integer> s = new ArrayList<>();
    for (int d : shape) s.add(d);
    p.put("shape", s);
    p.put("owner", -1);
    layout.add(p);
    return this;
  }

  private void random(String name, int... shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (random.nextDouble() * 2 - 1);
    put(name, v, shape);
  }

  Path write(Path file, Map<String, Object> spec, Map<String, Object> preprocessing) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", ModelFormat.FORMAT);
    doc.put("formatVersion", ModelFormat.FORMAT_VERSION);
    doc.put("kind", ModelFormat.DEEP);
    doc.put("spec", spec);
    doc.put("parameters", layout);
    doc.put("preprocessing", preprocessing);
    TensorArchive.write(file, ModelFormat.DOCUMENT, doc, tensors);
    return file;
  }
}
