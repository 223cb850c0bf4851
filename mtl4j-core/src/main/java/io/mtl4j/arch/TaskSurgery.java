package io.mtl4j.arch;

import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Dynamic tasks on a trained model: a new model whose structure has one task more or less, with every parameter
 * the two share copied. Shared parameters match by name; a task's own parameters match by the task (names such
 * as {@code gate1} move with the task's index) and their order. Train the result with the old parts frozen
 * ({@code TrainingConfig.frozen}) to leave the old tasks' predictions exactly as they were.
 */
public final class TaskSurgery {
  private TaskSurgery() {}

  /** The model plus {@code task}: its head (and per-task parts such as an MMoE gate) initialised from {@code seed}. */
  public static MultiTaskModel addTask(MultiTaskModel model, Task task, long seed) {
    List<Task> tasks = new ArrayList<>(model.tasks());
    tasks.add(task);
    ModelSpec spec = new ModelSpec(model.spec().inputs(), tasks, model.spec().architecture(), model.spec().head(),
        model.spec().groups());
    int[] from = new int[tasks.size()];
    for (int t = 0; t < from.length; t++) from[t] = t < model.tasks().size() ? t : -1;
    return transplant(model, MultiTaskModel.create(spec, seed), from);
  }

  /** The model without the named task; the other tasks keep their parameters and predictions. */
  public static MultiTaskModel removeTask(MultiTaskModel model, String name) {
    int removed = model.spec().taskIndex(name);
    if (model.tasks().size() == 1) {
      throw new IllegalArgumentException("cannot remove task '" + name + "': it is the model's only task");
    }
    List<Task> tasks = new ArrayList<>(model.tasks());
    tasks.remove(removed);
    ModelSpec spec = new ModelSpec(model.spec().inputs(), tasks, model.spec().architecture(), model.spec().head(),
        model.spec().groups());
    int[] from = new int[tasks.size()];
    for (int t = 0; t < from.length; t++) from[t] = t < removed ? t : t + 1;
    return transplant(model, MultiTaskModel.create(spec, 0L), from);
  }

  /** Names of the parameters a task owns (for freezing selectors and reports). */
  public static List<String> parametersOf(MultiTaskModel model, String task) {
    int t = model.spec().taskIndex(task);
    return model.parameters().parameters().stream().filter(p -> p.owner() == t).map(Parameter::name).toList();
  }

  /** Copies into {@code target} the shared parameters and, for each target task t, those of source task from[t]. */
  private static MultiTaskModel transplant(MultiTaskModel source, MultiTaskModel target, int[] from) {
    ParameterBuffer src = source.parameters(), dst = target.parameters();
    for (Parameter p : dst.parameters()) {
      if (p.shared()) copy(src, src.get(p.name()), dst, p);
    }
    for (int t = 0; t < from.length; t++) {
      if (from[t] < 0) continue;
      List<Parameter> a = owned(src, from[t]), b = owned(dst, t);
      if (a.size() != b.size()) {
        throw new IllegalStateException("task " + t + " has " + b.size() + " parameters in the new model, " + a.size() + " before");
      }
      for (int k = 0; k < a.size(); k++) copy(src, a.get(k), dst, b.get(k));
    }
    return target;
  }

  private static List<Parameter> owned(ParameterBuffer buffer, int task) {
    return buffer.parameters().stream().filter(p -> p.owner() == task).toList();
  }

  private static void copy(ParameterBuffer src, Parameter a, ParameterBuffer dst, Parameter b) {
    if (!Arrays.equals(a.shape(), b.shape())) {
      throw new IllegalStateException("parameter " + b + " does not match " + a + " of the trained model");
    }
    System.arraycopy(src.values(), a.offset(), dst.values(), b.offset(), a.size());
  }
}
