package io.mtl4j.cli.run;

import io.mtl4j.classical.PlattScaling;
import io.mtl4j.data.LabelEncoder;
import io.mtl4j.data.Preprocessing;
import io.mtl4j.io.ClassicalModelFile;
import io.mtl4j.io.ModelKey;
import io.mtl4j.io.ModelMetadata;
import io.mtl4j.io.Provenance;
import io.mtl4j.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classical models the CLI trains, in a {@link ClassicalModelFile} with the fitted preprocessing and provenance, as
 * deep models carry theirs: the training map names the formulation, the tasks in the model's order and the MT-SVM
 * calibration, so that {@code evaluate} and {@code predict} rebuild the same {@link ClassicalPredictor}.
 */
public final class ClassicalStore {
  private ClassicalStore() {}

  /** Writes {@code fit} with the preprocessing its experiment fitted; {@code dataSha256} may be null. */
  public static void save(Path file, ClassicalFit.Fitted fit, List<Task> tasks, Preprocessing preprocessing,
                          String dataSha256, long seed, ModelKey key) {
    ClassicalPredictor p = fit.predictor();
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("formulation", p.model().formulation());
    training.put("tasks", p.tasks());
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (Task t : tasks) metrics.put(t.name(), t.metrics());
    training.put("metrics", metrics);
    Map<String, Object> calibration = new LinkedHashMap<>();
    p.calibration().forEach((task, c) -> calibration.put(task, List.of(c.a(), c.b())));
    training.put("calibration", calibration);
    ModelStore.createParent(file);
    ClassicalModelFile.save(file, p.model(), fit.options(), new ModelMetadata(preprocessing.toMap(), training,
        Provenance.of(dataSha256, seed, 1)), key);
  }

  /** Loads a file {@link #save} wrote; a classical file without preprocessing (from the fixed-split compare) is refused. */
  static ModelStore.Predicting load(Path file, ModelKey key) {
    ClassicalModelFile.Saved saved = ClassicalModelFile.load(file, key);
    ModelMetadata m = saved.metadata();
    if (m.preprocessing().isEmpty()) {
      throw new IllegalArgumentException(file + " holds a classical model (formulation '" + saved.model().formulation()
          + "') without preprocessing: it was fitted on fixed splits by 'mtl4j compare'; train one with 'mtl4j "
          + "train' on a config with a classical section to evaluate or predict");
    }
    Preprocessing p = Preprocessing.fromMap(m.preprocessing());
    List<String> tasks = new ArrayList<>();
    List<Boolean> binary = new ArrayList<>();
    List<Task> taskList = new ArrayList<>();
    Map<?, ?> metrics = m.training().get("metrics") instanceof Map<?, ?> mm ? mm : Map.of();
    for (LabelEncoder l : p.labels()) {
      String name = l.spec().task();
      tasks.add(name);
      binary.add(l.spec().type().equals("binary"));
      List<String> names = metrics.get(name) instanceof List<?> v ? v.stream().map(String::valueOf).toList() : List.of();
      taskList.add(new Task(name, l.taskType(), null, 1.0, names));
    }
    if (!tasks.equals(m.training().get("tasks"))) {
      throw new IllegalArgumentException(file + ": the model's tasks " + m.training().get("tasks") + " differ from "
          + "its preprocessing's " + tasks + "; the file was not written whole by 'mtl4j train'");
    }
    int width = saved.model() instanceof io.mtl4j.classical.LinearMtlModel lm ? lm.features() - 1 : p.width();
    ClassicalPredictor predictor;
    try {
      if (width != p.width()) {
        throw new IllegalArgumentException("the model takes " + width + " inputs, the preprocessing makes " + p.width());
      }
      predictor = new ClassicalPredictor(saved.model(), tasks, binary, calibration(m.training().get("calibration")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage() + "; the file was not written whole by 'mtl4j "
          + "train' (retrain, or use the original file)", e);
    }
    return new ModelStore.Predicting(p, taskList, saved.model().formulation(), predictor, m.provenance());
  }

  /** task → [A, B] as {@link #save} writes it. */
  private static Map<String, PlattScaling> calibration(Object saved) {
    Map<String, PlattScaling> out = new LinkedHashMap<>();
    if (saved == null) return out;
    ((Map<?, ?>) saved).forEach((task, ab) -> {
      List<?> v = (List<?>) ab;
      out.put((String) task, new PlattScaling(((Number) v.get(0)).doubleValue(), ((Number) v.get(1)).doubleValue()));
    });
    return out;
  }
}
