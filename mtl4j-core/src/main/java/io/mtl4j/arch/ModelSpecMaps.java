package io.mtl4j.arch;

import io.mtl4j.config.OptionBinder;
import io.mtl4j.encode.InputSpec;
import io.mtl4j.task.Auxiliary;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ModelSpec} ↔ plain maps of strings, numbers and lists (JSON/YAML trees), for model files and configs.
 * {@code fromMap(toMap(spec))} rebuilds an equal structure; bad maps give messages naming the key.
 */
public final class ModelSpecMaps {
  private ModelSpecMaps() {}

  public static Map<String, Object> toMap(ModelSpec spec) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("inputs", spec.inputs());
    Map<String, Object> arch = new LinkedHashMap<>();
    arch.put("name", spec.architecture().name());
    arch.put("options", Architectures.toMap(spec.architecture()));
    out.put("architecture", arch);
    List<Object> tasks = new ArrayList<>();
    for (Task t : spec.tasks()) tasks.add(taskToMap(t));
    out.put("tasks", tasks);
    out.put("head", OptionBinder.toMap(spec.head()));
    // Written only when present, so the model.json of a dense-matrix model stays byte-identical.
    if (spec.groups() != null) out.put("groups", spec.groups().toList());
    return out;
  }

  public static ModelSpec fromMap(Map<String, ?> map) {
    int inputs = integer(map, "inputs", "spec.inputs");
    Map<String, ?> arch = child(map, "architecture", "spec.architecture");
    String name = string(arch, "name", "spec.architecture.name");
    Map<String, ?> options = arch.containsKey("options") ? child(arch, "options", "spec.architecture.options") : Map.of();
    Architecture.Factory factory = Architectures.create(name, options);
    Object rawTasks = map.get("tasks");
    if (!(rawTasks instanceof List<?> list)) throw new IllegalArgumentException("spec.tasks: expected a list of tasks");
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> m)) throw new IllegalArgumentException("spec.tasks[" + i + "]: expected a map");
      tasks.add(taskFromMap(cast(m), "spec.tasks[" + i + "]"));
    }
    Head.Options head = map.containsKey("head")
        ? OptionBinder.bind(Head.Options.class, new Head.Options(), child(map, "head", "spec.head"))
        : new Head.Options();
    InputSpec groups = map.containsKey("groups") ? InputSpec.fromList(map.get("groups"), "spec.groups") : null;
    return new ModelSpec(inputs, tasks, factory, head, groups);
  }

  public static Map<String, Object> taskToMap(Task t) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", t.name());
    out.put("type", t.type().kind());
    if (t.type() instanceof TaskType.Multiclass m) out.put("classes", m.classes());
    if (t.type() instanceof TaskType.Multilabel m) out.put("labels", m.labels());
    if (t.type() instanceof TaskType.Reconstruction m) out.put("width", m.width());
    if (t.type() instanceof TaskType.Segmentation m) {
      out.put("classes", m.classes());
      out.put("height", m.height());
      out.put("width", m.width());
    }
    out.put("loss", t.loss());
    out.put("weight", t.weight());
    out.put("metrics", t.metrics());
    // Written only when set, so files of models without product tasks stay byte-identical.
    if (t.isProduct()) out.put("productOf", t.productOf());
    if (t.isAuxiliary()) out.put("auxiliary", auxiliaryToMap(t.auxiliary()));
    return out;
  }

  public static Task taskFromMap(Map<String, ?> m, String where) {
    String name = string(m, "name", where + ".name");
    String kind = string(m, "type", where + ".type");
    TaskType type = switch (kind) {
      case "binary" -> TaskType.binary();
      case "regression" -> TaskType.regression();
      case "multiclass" -> TaskType.multiclass(integer(m, "classes", where + ".classes"));
      case "multilabel" -> TaskType.multilabel(integer(m, "labels", where + ".labels"));
      case "segmentation" -> TaskType.segmentation(integer(m, "classes", where + ".classes"),
          integer(m, "height", where + ".height"), integer(m, "width", where + ".width"));
      case "reconstruction" -> TaskType.reconstruction(integer(m, "width", where + ".width"));
      default -> throw new IllegalArgumentException(where + ".type = '" + kind
          + "': expected one of [binary, multiclass, regression, multilabel, segmentation, reconstruction]");
    };
    String loss = m.get("loss") == null ? null : m.get("loss").toString();
    double weight = m.get("weight") instanceof Number n ? n.doubleValue() : 1.0;
    List<String> metrics = new ArrayList<>();
    if (m.get("metrics") instanceof List<?> l) for (Object o : l) metrics.add(String.valueOf(o));
    List<String> productOf = new ArrayList<>();
    if (m.get("productOf") instanceof List<?> l) for (Object o : l) productOf.add(String.valueOf(o));
    Auxiliary auxiliary = m.containsKey("auxiliary")
        ? auxiliaryFromMap(child(m, "auxiliary", where + ".auxiliary"), where + ".auxiliary") : null;
    return new Task(name, type, loss, weight, metrics, productOf, auxiliary);
  }

  private static Map<String, Object> auxiliaryToMap(Auxiliary a) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("targets", a.targets());
    if (a.of() != null) out.put("of", a.of());
    return out;
  }

  private static Auxiliary auxiliaryFromMap(Map<String, ?> m, String where) {
    Object of = m.get("of");
    return new Auxiliary(string(m, "targets", where + ".targets"), of == null ? null : of.toString());
  }

  private static Map<String, ?> child(Map<String, ?> map, String key, String where) {
    if (!(map.get(key) instanceof Map<?, ?> m)) throw new IllegalArgumentException(where + ": expected a map");
    return cast(m);
  }

  private static String string(Map<String, ?> map, String key, String where) {
    Object v = map.get(key);
    if (v == null) throw new IllegalArgumentException(where + " is missing");
    return v.toString();
  }

  private static int integer(Map<String, ?> map, String key, String where) {
    if (!(map.get(key) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw new IllegalArgumentException(where + " = " + map.get(key) + ": expected an integer");
    }
    return n.intValue();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> cast(Map<?, ?> m) {
    return (Map<String, ?>) m;
  }
}
