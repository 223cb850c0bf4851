package io.mtl4j.arch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtl4j.autodiff.Elementwise;
import io.mtl4j.autodiff.Reduce;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.metrics.Evaluation;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.Task;
import io.mtl4j.task.TaskType;
import io.mtl4j.tensor.Tensor;
import io.mtl4j.testkit.GradCheck;
import io.mtl4j.train.ModelEvaluator;
import io.mtl4j.train.Trainer;
import io.mtl4j.train.TrainingConfig;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Shared acceptance checks for architectures: parameter gradients, learning in both data settings. */
final class ArchitectureChecks {
  static final List<Task> TASKS = List.of(Task.of("sign", TaskType.binary(), "accuracy"),
      Task.of("sum", TaskType.regression(), "r2"));
  static final int INPUTS = 6;

  private ArchitectureChecks() {}

  /**
   * Finite differences of L = Σ_t Σ r_t ⊙ logits_t (+ the architecture's penalties) against the analytic
   * parameter gradient, for every parameter of a tiny model on a tiny batch.
   */
  static void assertParameterGradients(Architecture.Factory arch, long seed) {
    List<Task> tasks = List.of(Task.of("a", TaskType.binary()), Task.of("b", TaskType.multiclass(3)));
    // Smooth activations in the heads too: a ReLU kink inside ±EPS breaks central differences.
    Head.Options head = new Head.Options(new int[] {3}, io.mtl4j.nn.Activation.TANH, 0);
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(4, tasks, arch, head), seed);
    SplittableRandom r = new SplittableRandom(seed);
    Tensor x = Tensor.zeros(3, 4);
    for (int i = 0; i < x.size(); i++) x.set(i, (float) r.nextDouble(-1, 1));
    Tensor[] proj = {Tensor.zeros(3, 1), Tensor.zeros(3, 3)};
    for (Tensor p : proj) for (int i = 0; i < p.size(); i++) p.set(i, (float) r.nextDouble(-1, 1));
    float[] values = model.parameters().values();
    float[] grads = new float[values.length];
    Graph g = new Graph(model.parameters(), grads).begin(Mode.TRAIN, new SplittableRandom(1));
    g.tape().backward(objective(model, g, x, proj));
    for (int i = 0; i < values.length; i++) {
      double numeric = centralDifference(values, i, () -> value(model, x, proj));
      assertThat(Math.abs(grads[i] - numeric))
          .as("%s parameter element %d: analytic %s vs numeric %s", arch.name(), i, grads[i], numeric)
          .isLessThanOrEqualTo(GradCheck.ABS_TOL + GradCheck.REL_TOL * Math.abs(numeric));
    }
  }

  /** (f(v + ε) − f(v − ε)) / 2ε in parameter {@code i}, which is restored afterwards. */
  static double centralDifference(float[] values, int i, java.util.function.DoubleSupplier f) {
    float saved = values[i];
    values[i] = (float) (saved + GradCheck.EPS);
    double up = f.getAsDouble();
    values[i] = (float) (saved - GradCheck.EPS);
    double down = f.getAsDouble();
    values[i] = saved;
    return (up - down) / (2 * GradCheck.EPS);
  }

  private static Var objective(MultiTaskModel model, Graph g, Tensor x, Tensor[] proj) {
    MultiTaskModel.Output out = model.run(g, g.input(x), model.allTasks());
    Var[] logits = out.logits();
    Var total = out.representations().penalty();
    for (int t = 0; t < logits.length; t++) {
      Var s = Reduce.sum(Elementwise.mul(logits[t], g.input(proj[t])));
      total = total == null ? s : Elementwise.add(total, s);
    }
    Var penalty = model.architecture().regularization(g);
    return penalty == null ? total : Elementwise.add(total, penalty);
  }

  private static double value(MultiTaskModel model, Tensor x, Tensor[] proj) {
    Graph g = new Graph(model.parameters(), new float[model.parameters().size()]).begin(Mode.TRAIN, new SplittableRandom(1));
    return objective(model, g, x, proj).item();
  }

  /** y_sign = [x0 − x1 + x2 > 0], y_sum = x0 + x2 − x3 + noise: related tasks on a shared direction. */
  static Dataset data(int rows, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[rows * INPUTS], sum = new float[rows], sign = new float[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < INPUTS; j++) x[i * INPUTS + j] = (float) r.nextGaussian();
      int o = i * INPUTS;
      sign[i] = x[o] - x[o + 1] + x[o + 2] > 0 ? 1f : 0f;
      sum[i] = (float) (x[o] + x[o + 2] - x[o + 3] + 0.1 * r.nextGaussian());
    }
    return Dataset.builder(Tensor.of(x, rows, INPUTS)).task("sign", Tensor.of(sign, rows))
        .task("sum", Tensor.of(sum, rows)).build();
  }

  /** Trains on single-input data; returns held-out [accuracy of sign, r2 of sum]. */
  static double[] learnSingleInput(Architecture.Factory arch) {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(INPUTS, TASKS, arch, new Head.Options(8)), 3);
    new Trainer(config()).fit(model, data(1500, 1), null);
    Evaluation e = ModelEvaluator.evaluate(model, data(500, 2));
    return new double[] {e.value("sign", "accuracy"), e.value("sum", "r2")};
  }

  /** Trains on multi-input data (each task its own rows); returns held-out [accuracy of sign, r2 of sum]. */
  static double[] learnMultiInput(Architecture.Factory arch) {
    MultiTaskModel model = MultiTaskModel.create(new ModelSpec(INPUTS, TASKS, arch, new Head.Options(8)), 3);
    MultiInputData train = MultiInputData.of(Map.of("sign", data(1000, 1), "sum", data(1000, 4)));
    new Trainer(config()).fit(model, train, null);
    Evaluation e = ModelEvaluator.evaluate(model, data(500, 2));
    return new double[] {e.value("sign", "accuracy"), e.value("sum", "r2")};
  }

  /** Parameter count of the architecture alone (heads excluded) and of its shared part. */
  static int[] sizes(Architecture.Factory arch, int inputs, int tasks) {
    List<Task> list = new java.util.ArrayList<>();
    for (int t = 0; t < tasks; t++) list.add(Task.of("t" + t, TaskType.regression()));
    MultiTaskModel m = MultiTaskModel.create(new ModelSpec(inputs, list, arch, new Head.Options()), 1);
    int total = 0;
    for (var ref : m.architecture().parameters()) total += m.parameters().get(ref.name()).size();
    return new int[] {total, m.parameters().sharedSize()};
  }

  private static TrainingConfig config() {
    return TrainingConfig.builder().epochs(12).batchSize(50).seed(5).learningRate(0.01).patience(0).build();
  }

  /** Chance is 0.5 accuracy and r2 0; a model that learnt both tasks is far above. */
  static void assertLearns(double[] scores, String what) {
    assertThat(scores[0]).as(what + ": sign accuracy").isGreaterThan(0.85);
    assertThat(scores[1]).as(what + ": sum r2").isGreaterThan(0.8);
  }
}
