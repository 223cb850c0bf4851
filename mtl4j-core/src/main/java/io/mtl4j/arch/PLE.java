package io.mtl4j.arch;

import io.mtl4j.autodiff.GroupMixture;
import io.mtl4j.autodiff.MatMul;
import io.mtl4j.autodiff.Softmax;
import io.mtl4j.autodiff.Var;
import io.mtl4j.config.Checks;
import io.mtl4j.nn.Activation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Init;
import io.mtl4j.nn.Linear;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.Parameter;
import io.mtl4j.nn.ParameterBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Progressive Layered Extraction (Tang et al., RecSys 2020): per level, shared and task-specific experts with one gate
 * per task (CGC, Eq. 1–3) and, below the top level, a shared gate over all experts feeding the next level (Eq. 4–5).
 *
 * <p>With {@code levels == 1} it is CGC (registry name {@code cgc}). Each expert group (the shared experts, each
 * task's experts) runs as one GEMM, deeper expert layers as block-diagonal GEMMs ({@link MatMul#blockLinear}).
 */
public final class PLE implements Architecture {
  /**
   * @param levels        extraction levels (1 = CGC)
   * @param sharedExperts shared experts per level
   * @param taskExperts   experts of each task per level
   * @param expertHidden  layer sizes of each expert
   */
  public record Options(int levels, int sharedExperts, int taskExperts, int[] expertHidden, Activation activation,
                        double dropout) implements Factory {
    public Options {
      String n = levels == 1 ? "cgc" : "ple";
      if (levels < 1) throw new IllegalArgumentException(n + ": levels = " + levels + ", expected ≥ 1");
      if (sharedExperts < 0) throw new IllegalArgumentException(n + ": sharedExperts = " + sharedExperts + ", expected ≥ 0");
      if (taskExperts < 0) throw new IllegalArgumentException(n + ": taskExperts = " + taskExperts + ", expected ≥ 0");
      if (sharedExperts + taskExperts == 0) {
        throw new IllegalArgumentException(n + ": sharedExperts = taskExperts = 0, expected at least one expert");
      }
      if (levels > 1 && sharedExperts == 0) {
        throw new IllegalArgumentException(n + ": sharedExperts = 0 with " + levels + " levels: the shared path needs experts");
      }
      Checks.layerSizes(n, "expertHidden", expertHidden);
      if (expertHidden.length == 0) throw new IllegalArgumentException(n + ": expertHidden is empty, expected ≥ 1 layer");
      Checks.unitInterval(n, "dropout", dropout);
    }

    public Options(int levels, int sharedExperts, int taskExperts, int... expertHidden) {
      this(levels, sharedExperts, taskExperts, expertHidden, Activation.RELU, 0);
    }

    public String name() {
      return levels == 1 ? "cgc" : "ple";
    }

    public Architecture create(ParameterBuffer.Builder builder, int inputs, int tasks) {
      return new PLE(this, builder, inputs, tasks);
    }
  }

  /** One expert group: E experts side by side, [B, in] → [B, E·H]. */
  private static final class Experts {
    final List<ParameterBuffer.ParameterRef> weights = new ArrayList<>();
    final List<ParameterBuffer.ParameterRef> biases = new ArrayList<>();
    final int count;

    Experts(ParameterBuffer.Builder builder, String name, int count, int in, int[] hidden, int owner) {
      this.count = count;
      for (int l = 0; l < hidden.length; l++) {
        int out = hidden[l];
        int[] shape = l == 0 ? new int[] {in, count * out} : new int[] {count * in, out};
        weights.add(builder.add(name + "." + l + ".weight", Init.HE_UNIFORM, owner, shape));
        biases.add(builder.add(name + "." + l + ".bias", Init.ZEROS, owner, count * out));
        in = out;
      }
    }

    Var forward(Graph g, Var x, Options o) {
      Var h = x;
      for (int l = 0; l < weights.size(); l++) {
        Var w = g.param(weights.get(l)), b = g.param(biases.get(l));
        h = o.activation.apply(l == 0 ? MatMul.linear(h, w, b) : MatMul.blockLinear(h, w, b, count));
        if (g.mode() == Mode.TRAIN && o.dropout > 0) h = io.mtl4j.autodiff.Dropout.apply(h, o.dropout, g.random());
      }
      return h;
    }

    List<ParameterBuffer.ParameterRef> parameters() {
      List<ParameterBuffer.ParameterRef> all = new ArrayList<>(weights);
      all.addAll(biases);
      return all;
    }
  }

  /** One extraction level. */
  private static final class Level {
    final Experts shared;
    final List<Experts> task = new ArrayList<>();
    final List<Linear> taskGates = new ArrayList<>();
    final Linear sharedGate; // null at the top level

    Level(ParameterBuffer.Builder builder, int level, int in, int tasks, Options o, boolean top) {
      String p = "level" + level;
      shared = o.sharedExperts == 0 ? null
          : new Experts(builder, p + ".shared", o.sharedExperts, in, o.expertHidden, Parameter.SHARED);
      for (int t = 0; t < tasks; t++) {
        task.add(o.taskExperts == 0 ? null : new Experts(builder, p + ".task" + t, o.taskExperts, in, o.expertHidden, t));
        taskGates.add(new Linear(builder, p + ".gate" + t, in, o.taskExperts + o.sharedExperts, Init.XAVIER_UNIFORM, t));
      }
      sharedGate = top ? null : new Linear(builder, p + ".sharedGate", in, tasks * o.taskExperts + o.sharedExperts,
          Init.XAVIER_UNIFORM, Parameter.SHARED);
    }

    List<ParameterBuffer.ParameterRef> parameters() {
      List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
      if (shared != null) all.addAll(shared.parameters());
      for (Experts e : task) if (e != null) all.addAll(e.parameters());
      for (Linear l : taskGates) all.addAll(l.parameters());
      if (sharedGate != null) all.addAll(sharedGate.parameters());
      return all;
    }
  }

  private final Options options;
  private final int tasks;
  private final List<Level> levels = new ArrayList<>();

  private PLE(Options o, ParameterBuffer.Builder builder, int inputs, int tasks) {
    this.options = o;
    this.tasks = tasks;
    int in = inputs;
    for (int l = 0; l < o.levels; l++) {
      levels.add(new Level(builder, l, in, tasks, o, l == o.levels - 1));
      in = o.expertHidden[o.expertHidden.length - 1];
    }
  }

  @Override
  public TaskRepresentations forward(Graph g, Var input, int[] which) {
    Var[] taskIn = new Var[tasks];
    java.util.Arrays.fill(taskIn, input);
    Var sharedIn = input;
    int[] all = new int[tasks];
    for (int t = 0; t < tasks; t++) all[t] = t;
    for (int l = 0; l < levels.size(); l++) {
      Level level = levels.get(l);
      boolean top = level.sharedGate == null;
      // Below the top, the shared gate mixes every task's experts, so all tasks are computed there.
      int[] needed = top ? which : all;
      Var sharedOut = level.shared == null ? null : level.shared.forward(g, sharedIn, options);
      Var[] taskOut = new Var[tasks];
      Var[] next = new Var[tasks];
      for (int t : needed) {
        Experts e = level.task.get(t);
        taskOut[t] = e == null ? null : e.forward(g, taskIn[t], options);
        next[t] = mix(level.taskGates.get(t).forward(g, taskIn[t]), taskOut[t], sharedOut);
      }
      if (!top) {
        Var[] pool = new Var[tasks + 1];
        System.arraycopy(taskOut, 0, pool, 0, tasks);
        pool[tasks] = sharedOut;
        sharedIn = mix(level.sharedGate.forward(g, sharedIn), pool);
      }
      taskIn = next;
    }
    return new TaskRepresentations(taskIn);
  }

  /** Softmax gate over the expert groups in order (null groups are absent), without concatenating them. */
  private static Var mix(Var gateLogits, Var... groups) {
    Var[] present = java.util.Arrays.stream(groups).filter(java.util.Objects::nonNull).toArray(Var[]::new);
    return GroupMixture.mix(Softmax.softmax(gateLogits, 1), present);
  }

  @Override
  public int outputSize(int task) {
    return options.expertHidden[options.expertHidden.length - 1];
  }

  @Override
  public List<ParameterBuffer.ParameterRef> parameters() {
    List<ParameterBuffer.ParameterRef> all = new ArrayList<>();
    for (Level l : levels) all.addAll(l.parameters());
    return all;
  }
}
