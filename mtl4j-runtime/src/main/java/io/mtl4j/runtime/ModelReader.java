package io.mtl4j.runtime;

import io.mtl4j.io.ArchiveLimits;
import io.mtl4j.io.ModelFileException;
import io.mtl4j.io.ModelFormat;
import io.mtl4j.io.ModelKey;
import io.mtl4j.io.TensorArchive;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a deep model file with mtl4j's own archive reader (seal, manifest, limits, optional HMAC) and compiles its
 * spec, parameters and preprocessing into a {@link RuntimeModel}: inputs, shared part, heads, each in fixed regions
 * of one scratch array.
 */
final class ModelReader {
  private ModelReader() {}

  static RuntimeModel read(Path file, ModelKey key, ArchiveLimits limits) {
    TensorArchive.Contents contents = TensorArchive.read(file, ModelFormat.DOCUMENT, limits, key);
    Map<String, Object> doc = contents.document();
    ModelFormat.checkVersion(file, doc, ModelFormat.FORMAT, ModelFormat.FORMAT_VERSION);
    ModelFormat.checkKind(file, doc, ModelFormat.DEEP);
    if (!(doc.get("spec") instanceof Map<?, ?> spec)) {
      throw new ModelFileException(file, "has no model spec ('spec' is missing or not an object)");
    }
    if (spec.containsKey("groups")) {
      throw new ModelFileException(file, "reads feature groups (inputs with encoders: embeddings, tokens, images); "
          + "mtl4j-runtime runs models of one dense feature matrix so far: predict with mtl4j-core (mtl4j predict)");
    }
    Parameters parameters = new Parameters(file, doc.get("parameters"), contents.tensors());
    SpecOptions s = new SpecOptions(file, "spec", spec);
    int inputs = s.integer("inputs");
    if (inputs < 1) throw s.bad("inputs", "≥ 1");
    InputColumns columns = preprocessing(file, doc.get("preprocessing"), inputs);
    Map<String, Map<?, ?>> labels = labels(doc.get("preprocessing"));

    Arena arena = new Arena();
    int input = arena.take(inputs);
    SpecOptions arch = s.child("architecture", null);
    List<?> taskList = s.list("tasks");
    for (int t = 0; t < taskList.size(); t++) requireHeadFromLabels(file, new SpecOptions(file, "spec.tasks[" + t + "]",
        taskList.get(t)));
    SharedPart shared = SharedParts.of(file, arch.text("name")).compile(arch.child("options", Map.of()), parameters,
        inputs, input, taskList.size(), arena);
    SpecOptions head = s.child("head", null);
    List<RuntimeTask> tasks = new ArrayList<>();
    HeadPlan[] heads = new HeadPlan[taskList.size()];
    List<List<String>> products = new ArrayList<>();
    int offset = 0;
    for (int t = 0; t < heads.length; t++) {
      SpecOptions task = new SpecOptions(file, "spec.tasks[" + t + "]", taskList.get(t));
      String taskName = task.text("name"), kind = task.text("type");
      int width = width(task, kind);
      Map<?, ?> label = labels.getOrDefault(taskName, Map.of());
      double[] scaling = scaling(file, taskName, label);
      List<String> factors = task.strings("productOf");
      products.add(factors);
      // A product task (ESMM's CTCVR = CTR × CVR) has no head: its factors' probabilities are multiplied.
      heads[t] = !factors.isEmpty() ? null : new HeadPlan(parameters, taskName, kind, width, head,
          shared.representation(t), shared.width(t), scaling[0], scaling[1], arena);
      tasks.add(new RuntimeTask(taskName, kind, offset, width, names(label, kind)));
      offset += width;
    }
    int[][] factorOffsets = factorOffsets(file, tasks, products);
    return new RuntimeModel(columns, inputs, input, shared, heads, factorOffsets, tasks, arena.size());
  }

  /** Per task, the output offsets of the tasks whose probabilities make its own; null for a task with a head. */
  private static int[][] factorOffsets(Path file, List<RuntimeTask> tasks, List<List<String>> products) {
    int[][] out = new int[tasks.size()][];
    for (int t = 0; t < out.length; t++) {
      if (products.get(t).isEmpty()) continue;
      out[t] = new int[products.get(t).size()];
      String product = tasks.get(t).name();
      for (int i = 0; i < out[t].length; i++) {
        String f = products.get(t).get(i);
        RuntimeTask factor = tasks.stream().filter(u -> u.name().equals(f)).findFirst().orElseThrow(() ->
            new ModelFileException(file, "task '" + product + "' is the product of unknown task '" + f + "'"));
        out[t][i] = factor.offset();
      }
    }
    return out;
  }

  /**
   * Refuses an auxiliary task whose targets come from the input (reconstruction, masked-token): its head serves
   * training only, predicts no label, and reconstruction is no kind the runtime runs. Removing it leaves the other
   * tasks' predictions unchanged, so the message says how.
   */
  private static void requireHeadFromLabels(Path file, SpecOptions task) {
    String name = task.text("name");
    String targets = task.child("auxiliary", Map.of("targets", "labels")).text("targets");
    if (targets.equals("labels")) return;
    throw new ModelFileException(file, "task '" + name + "' is an auxiliary " + targets + " task (its targets come "
        + "from the input, for training only), which mtl4j-runtime does not run; remove it first: mtl4j remove-task "
        + "--task " + name + " (the other tasks predict exactly as before)");
  }

  /** Outputs of a task of {@code kind}: 1, or its classes or labels. */
  private static int width(SpecOptions task, String kind) {
    int width = switch (kind) {
      case "binary", "regression" -> 1;
      case "multiclass" -> task.integer("classes");
      case "multilabel" -> task.integer("labels");
      default -> throw task.bad("type", "one of binary, multiclass, regression, multilabel");
    };
    if (width < 1) throw task.bad(kind.equals("multiclass") ? "classes" : "labels", "≥ 1");
    return width;
  }

  /** The raw-column encoders, or null when the model was saved without preprocessing (it reads model inputs only). */
  private static InputColumns preprocessing(Path file, Object raw, int inputs) {
    if (!(raw instanceof Map<?, ?> p) || p.isEmpty()) return null;
    SpecOptions o = new SpecOptions(file, "preprocessing", p);
    if (o.integer("formatVersion") != 1) throw o.bad("formatVersion", "1");
    if (p.containsKey("groups")) {
      throw new ModelFileException(file, "its preprocessing has feature groups, which mtl4j-runtime does not read");
    }
    InputColumns columns = InputColumns.fromList(file, p.get("features"));
    if (columns.width() != inputs) {
      throw new ModelFileException(file, "its preprocessing makes " + columns.width() + " model inputs, the network "
          + "reads " + inputs);
    }
    return columns;
  }

  /** The preprocessing's label encoders by task name (none without preprocessing). */
  private static Map<String, Map<?, ?>> labels(Object raw) {
    Map<String, Map<?, ?>> out = new java.util.HashMap<>();
    if (raw instanceof Map<?, ?> p && p.get("labels") instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Map<?, ?> m && m.get("task") instanceof String task) out.put(task, m);
      }
    }
    return out;
  }

  /** {mean, std} of a standardised regression target; {0, 0} for values not scaled. */
  private static double[] scaling(Path file, String task, Map<?, ?> label) {
    if (label.get("standardise") == null) return new double[] {0, 0};
    SpecOptions s = new SpecOptions(file, "preprocessing.labels[" + task + "].standardise", label.get("standardise"));
    double std = s.number("std");
    if (!(std > 0)) throw s.bad("std", "> 0");
    return new double[] {s.number("mean"), std};
  }

  private static List<String> names(Map<?, ?> label, String kind) {
    Object names = kind.equals("multiclass") ? label.get("classes") : kind.equals("multilabel") ? label.get("columns") : null;
    List<String> out = new ArrayList<>();
    if (names instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
    return out;
  }
}
