package io.mtl4j.arch;

import io.mtl4j.autodiff.ConcatSplit;
import io.mtl4j.autodiff.ProbabilityProduct;
import io.mtl4j.autodiff.Var;
import io.mtl4j.encode.FeatureRows;
import io.mtl4j.encode.ImageEncoder;
import io.mtl4j.encode.InputEncoders;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.nn.ParameterBuffer;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Shapes;
import io.mtl4j.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A shared {@link Architecture} plus one {@link TaskHead} per task, over one flat {@link ParameterBuffer}. With feature
 * groups in the spec, their encoders come first: the shared encodings, concatenated, are the architecture's input, and
 * a task's private encodings join its representation at its head. A segmentation task's {@link DenseHead} reads the
 * shared image group's feature map instead of a representation.
 */
public final class MultiTaskModel {
  private final ModelSpec spec;
  private final ParameterBuffer buffer;
  private final InputEncoders encoders;
  private final Architecture architecture;
  private final List<TaskHead> heads = new ArrayList<>();
  private final String mapGroup; // the shared image group whose feature map dense heads read, or null
  private final int[] allTasks;
  private final int[][] factors; // per task: its factors' indices when it is a product task, else null

  private MultiTaskModel(ModelSpec spec, long seed) {
    this.spec = spec;
    ParameterBuffer.Builder builder = ParameterBuffer.builder();
    int tasks = spec.tasks().size();
    this.encoders = spec.groups() == null ? null : new InputEncoders(spec.groups(), taskNames(spec), builder);
    this.mapGroup = mapGroup(spec);
    this.architecture = declare(spec, builder, heads);
    this.buffer = builder.build(seed);
    this.allTasks = new int[tasks];
    for (int t = 0; t < tasks; t++) allTasks[t] = t;
    this.factors = factors(spec);
  }

  /** Declares the architecture's and the heads' parameters on {@code builder}; allocates none of them. */
  private static Architecture declare(ModelSpec spec, ParameterBuffer.Builder builder, List<TaskHead> heads) {
    int tasks = spec.tasks().size();
    Architecture architecture = spec.architecture().create(builder, spec.inputs(), tasks);
    int privateWidth = spec.groups() == null ? 0 : spec.groups().privateWidth();
    String mapGroup = mapGroup(spec);
    for (int t = 0; t < tasks; t++) {
      Task task = spec.tasks().get(t);
      String name = "head." + task.name();
      // A product task's probability comes from its factors' heads: it has none of its own.
      heads.add(task.isProduct() ? null
          : task.type() instanceof TaskType.Segmentation dense
          ? new DenseHead(builder, name, imageGroup(spec, mapGroup).featureMap(), spec.head(), dense, t)
          : new Head(builder, name, architecture.outputSize(t) + privateWidth, spec.head(), task.type().outputWidth(),
              t));
    }
    return architecture;
  }

  /**
   * The shared image group dense heads read: the model's only one, of the segmentation tasks' H×W; null when no task
   * is a segmentation.
   */
  private static String mapGroup(ModelSpec spec) {
    List<Task> dense = spec.tasks().stream().filter(t -> t.type() instanceof TaskType.Segmentation).toList();
    if (dense.isEmpty()) return null;
    List<ImageEncoder.Spec> images = spec.groups() == null ? List.of() : spec.groups().groups().stream()
        .filter(g -> g instanceof ImageEncoder.Spec && !g.isPrivate()).map(g -> (ImageEncoder.Spec) g).toList();
    if (images.size() != 1) {
      throw new IllegalArgumentException("task '" + dense.get(0).name() + "' is a segmentation: its dense head reads "
          + "the feature map of the model's shared image group, so the model needs exactly one; it has "
          + images.stream().map(ImageEncoder.Spec::group).toList());
    }
    ImageEncoder.Spec image = images.get(0);
    for (Task t : dense) {
      TaskType.Segmentation s = (TaskType.Segmentation) t.type();
      if (s.height() != image.height() || s.width() != image.width()) {
        throw new IllegalArgumentException("task '" + t.name() + "' segments " + s.height() + "×" + s.width()
            + " pixels but image group '" + image.group() + "' holds " + image.height() + "×" + image.width()
            + " images; expected the same size");
      }
    }
    return image.group();
  }

  private static ImageEncoder.Spec imageGroup(ModelSpec spec, String group) {
    return (ImageEncoder.Spec) spec.groups().groups().stream().filter(g -> g.group().equals(group)).findFirst()
        .orElseThrow();
  }

  private static List<String> taskNames(ModelSpec spec) {
    return spec.tasks().stream().map(Task::name).toList();
  }

  /** Builds the model and initialises its parameters from {@code seed}. */
  public static MultiTaskModel create(ModelSpec spec, long seed) {
    return new MultiTaskModel(spec, seed);
  }

  /** How many parameters {@code spec} declares, counted without allocating them (model files check it first). */
  public static long parameterCount(ModelSpec spec) {
    ParameterBuffer.Builder builder = ParameterBuffer.builder();
    if (spec.groups() != null) new InputEncoders(spec.groups(), taskNames(spec), builder);
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

  /**
   * Whether one tensor lies between everything shared and everything task-owned (what representation-gradient
   * weighting differentiates): the architecture has one and no dense head reads the trunk's feature map past it.
   */
  public boolean hasSharedCut() {
    return architecture.hasSharedCut() && mapGroup == null;
  }

  /** What a forward pass produced: each requested task's representation and logits (null for the others). */
  public record Output(TaskRepresentations representations, Var[] logits) {}

  /** Logits [B, width_t] of each requested task (null for the others). */
  public Var[] forward(Graph g, Var input, int[] tasks) {
    return run(g, input, tasks).logits();
  }

  /** The forward pass with the representations the heads read (for representation-gradient weightings). */
  public Output run(Graph g, Var input, int[] tasks) {
    if (encoders != null && (spec.groups().privateWidth() > 0 || mapGroup != null)) {
      throw new IllegalStateException("the model has private feature groups or a dense head: run it on the rows' "
          + "groups");
    }
    return run(g, input, null, null, tasks);
  }

  /**
   * The forward pass over a batch's inputs: {@code features} [B, D] for a dense-matrix model, {@code groups} for a
   * model with feature groups (the other argument is ignored).
   */
  public Output run(Graph g, Tensor features, FeatureRows groups, int[] tasks) {
    if (encoders == null) return run(g, g.input(features), null, null, tasks);
    if (groups == null) {
      throw new IllegalArgumentException("the model reads feature groups "
          + spec.groups().groups().stream().map(e -> e.group()).toList() + " but the rows have none");
    }
    InputEncoders.Shared shared = encoders.encodeShared(g, groups, mapGroup);
    return run(g, shared.input(), shared.featureMap(), groups, tasks);
  }

  private Output run(Graph g, Var input, Var featureMap, FeatureRows groups, int[] tasks) {
    Tensor x = input.value();
    if (x.rank() != 2 || x.dim(1) != spec.inputs()) {
      throw new IllegalArgumentException("model input " + Shapes.format(x.shape()) + ": expected [rows, "
          + spec.inputs() + "]");
    }
    int[] headed = headed(tasks);
    TaskRepresentations reps = architecture.forward(g, input, headed);
    Var[] logits = new Var[heads.size()];
    for (int t : headed) {
      TaskHead head = heads.get(t);
      if (head.readsFeatureMap()) {
        logits[t] = head.forward(g, new TaskHead.Input(null, featureMap));
        continue;
      }
      Var own = groups == null ? null : encoders.encodePrivate(g, groups, t);
      Var representation = own == null ? reps.get(t) : ConcatSplit.concat(1, reps.get(t), own);
      logits[t] = head.forward(g, new TaskHead.Input(representation, featureMap));
    }
    for (int t : tasks) {
      if (factors[t] == null) continue;
      Var[] f = new Var[factors[t].length];
      for (int i = 0; i < f.length; i++) f[i] = logits[factors[t][i]];
      logits[t] = ProbabilityProduct.logit(f);
    }
    return new Output(reps, logits);
  }

  /** Each product task's factor indices, resolved once; null for the tasks with a head, or all of them when none is. */
  private static int[][] factors(ModelSpec spec) {
    int[][] out = new int[spec.tasks().size()][];
    for (int t = 0; t < out.length; t++) {
      List<String> f = spec.tasks().get(t).productOf();
      if (!f.isEmpty()) out[t] = f.stream().mapToInt(spec::taskIndex).toArray();
    }
    return out;
  }

  /** The tasks whose heads a pass over {@code tasks} runs: the plain ones, and the factors of the product ones. */
  private int[] headed(int[] tasks) {
    boolean product = false;
    for (int t : tasks) product |= factors[t] != null;
    if (!product) return tasks;
    boolean[] run = new boolean[factors.length];
    for (int t : tasks) {
      if (factors[t] == null) run[t] = true;
      else for (int f : factors[t]) run[f] = true;
    }
    return java.util.stream.IntStream.range(0, run.length).filter(t -> run[t]).toArray();
  }

  /** Predictions per task name: probabilities for classification tasks, values for regression. */
  public Map<String, Tensor> predict(Tensor features, int batchSize) {
    return predict(features, null, batchSize);
  }

  /** As {@link #predict(Tensor, int)}, over a features matrix or feature groups as {@link #run} reads them. */
  public Map<String, Tensor> predict(Tensor features, FeatureRows groups, int batchSize) {
    int rows = groups != null ? groups.rows() : features.rows();
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Task t : spec.tasks()) out.put(t.name(), Tensor.zeros(rows, t.type().outputWidth()));
    Graph g = new Graph(buffer, null);
    for (int from = 0; from < rows; from += batchSize) {
      int to = Math.min(rows, from + batchSize);
      g.begin(Mode.EVAL, new SplittableRandom(0));
      Tensor x = features == null ? null : features.rowSlice(from, to);
      Var[] logits = run(g, x, groups == null ? null : groups.slice(from, to), allTasks).logits();
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
