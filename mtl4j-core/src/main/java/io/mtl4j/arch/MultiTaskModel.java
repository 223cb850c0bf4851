package io.mtl4j.arch;

import io.mtl4j.autodiff.Var;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.Task;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A shared {@link Architecture} plus one {@link Head} per task, over one flat {@link ParameterBuffer}. */
public final class MultiTaskModel {
  private final ModelSpec spec;
  private final ParameterBuffer buffer;
  private final Architecture architecture;
  private final List<Head> heads = new ArrayList<>();
  private final int[] allTasks;

  private MultiTaskModel(ModelSpec spec, long seed) {
    this.spec = spec;
    ParameterBuffer.Builder builder = ParameterBuffer.builder();
    int tasks = spec.tasks().size();
    this.architecture = declare(spec, builder, heads);
    this.buffer = builder.build(seed);
    this.allTasks = new int[tasks];
    for (int t = 0; t < tasks; t++) allTasks[t] = t;
  }

  /** Declares the architecture's and the heads' parameters on {@code builder}; allocates none of them. */
  private static Architecture declare(ModelSpec spec, ParameterBuffer.Builder builder, List<Head> heads) {
    int tasks = spec.tasks().size();
    Architecture architecture = spec.architecture().create(builder, spec.inputs(), tasks);
    for (int t = 0; t < tasks; t++) {
      heads.add(new Head(builder, "head." + spec.tasks().get(t).name(), architecture.outputSize(t), spec.head(),
          spec.tasks().get(t).type().outputWidth(), t));
    }
    return architecture;
  }

  /** Builds the model and initialises its parameters from {@code seed}. */
  public static MultiTaskModel create(ModelSpec spec, long seed) {
    return new MultiTaskModel(spec, seed);
  }

  /** How many parameters {@code spec} declares, counted without allocating them (model files check it first). */
  public static long parameterCount(ModelSpec spec) {
    ParameterBuffer.Builder builder = ParameterBuffer.builder();
    declare(spec, builder, new ArrayList<>());
    return builder.declaredSize();
  }

  /** Builds the model's structure and copies its parameters from {@code values} (e.g. read from a model file). */
  public static MultiTaskModel create(ModelSpec spec, float[] values) {
    MultiTaskModel model = new MultiTaskModel(spec, 0);
    float[] dst = model.buffer.values();
    if (values.length != dst.length) {
      throw new IllegalArgumentException("model " + spec.architecture().name() + " has " + dst.length
          + " parameters, got " + values.length + " values");
    }
    System.arraycopy(values, 0, dst, 0, dst.length);
    return model;
  }

  public ModelSpec spec() {
    return spec;
  }

  public List<Task> tasks() {
    return spec.tasks();
  }

  public ParameterBuffer parameters() {
    return buffer;
  }

  public Architecture architecture() {
    return architecture;
  }

  public int[] allTasks() {
    return allTasks.clone();
  }

  /** What a forward pass produced: each requested task's representation and logits (null for the others). */
  public record Output(TaskRepresentations representations, Var[] logits) {}

  /** Logits [B, width_t] of each requested task (null for the others). */
  public Var[] forward(Graph g, Var input, int[] tasks) {
    return run(g, input, tasks).logits();
  }

  /** The forward pass with the representations the heads read (for representation-gradient weightings). */
  public Output run(Graph g, Var input, int[] tasks) {
    Tensor x = input.value();
    if (x.rank() != 2 || x.dim(1) != spec.inputs()) {
      throw new IllegalArgumentException("model input " + Shapes.format(x.shape()) + ": expected [rows, "
          + spec.inputs() + "]");
    }
    TaskRepresentations reps = architecture.forward(g, input, tasks);
    Var[] logits = new Var[heads.size()];
    for (int t : tasks) logits[t] = heads.get(t).forward(g, reps.get(t));
    return new Output(reps, logits);
  }

  /** Predictions per task name: probabilities for classification tasks, values for regression. */
  public Map<String, Tensor> predict(Tensor features, int batchSize) {
    int rows = features.rows();
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Task t : spec.tasks()) out.put(t.name(), Tensor.zeros(rows, t.type().outputWidth()));
    Graph g = new Graph(buffer, null);
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      g.begin(Mode.EVAL, new SplittableRandom(0));
      Var[] logits = forward(g, g.input(features.rowSlice(from, to)), allTasks);
      for (int t = 0; t < heads.size(); t++) {
        Tensor dst = out.get(spec.tasks().get(t).name());
        int w = dst.cols();
        float[] z = logits[t].value().toArray();
        spec.tasks().get(t).type().activate(z, 0, to - from);
        System.arraycopy(z, 0, dst.data(), from * w, z.length);
      }
    }
    return out;
  }
}
