package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.Head;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.ModelSpec;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.PLE;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.optim.Optimizers;
import io.mtl4j.task.LabelMask;
import io.mtl4j.weighting.EW;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import io.mtl4j.weighting.Weightings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-task gradients a weighting receives, checked against independent backward passes. */
class StepExecutorTest {
  /** Records G and returns the plain sum, so the update must equal EW's. */
  static final class SumOfTaskGradients implements Weighting {
    double[][] seen;

    public Requirements requirements() {
      return Requirements.PARAMETER_GRADIENTS;
    }

    public StepWeights combine(WeightingContext ctx) {
      double[][] g = ctx.taskGradients();
      seen = new double[g.length][];
      for (int t = 0; t < g.length; t++) {
        seen[t] = g[t].clone();
        for (int i = 0; i < g[t].length; i++) ctx.sharedGradient()[i] += g[t][i];
      }
      return new StepWeights(null, null);
    }
  }

  private static StepExecutor executor(MultiTaskModel model, Weighting weighting, DataParallel parallel) {
    return executor(model, weighting, parallel, 0.1, false);
  }

  private static StepExecutor executor(MultiTaskModel model, Weighting weighting, DataParallel parallel,
                                       boolean representationGradients) {
    return executor(model, weighting, parallel, 0.1, representationGradients);
  }

  private static StepExecutor executor(MultiTaskModel model, Weighting weighting, DataParallel parallel, double rate) {
    return executor(model, weighting, parallel, rate, false);
  }

  private static StepExecutor executor(MultiTaskModel model, Weighting weighting, DataParallel parallel, double rate,
                                       boolean representationGradients) {
    return new StepExecutor(model, weighting, parallel, Optimizers.create("sgd", Map.of("learningRate", rate),
        io.mtl4j.optim.LrSchedule.constant()), Optimizers.create("sgd"), 0, 5, new double[2][1],
        FrozenParameters.resolve(model, java.util.List.of()), representationGradients, true);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void taskGradientsEqualSeparateBackwardPassesAndTheirSumEqualsEW(int threads) {
    Dataset data = TrainerTest.data(40, 7, true);
    MultiTaskModel a = TrainerTest.model(3), b = TrainerTest.model(3);
    SumOfTaskGradients sum = new SumOfTaskGradients();
    try (DataParallel parallel = new DataParallel(threads)) {
      BatchPlan planA = new BatchPlan.SingleInput(data, 40), planB = new BatchPlan.SingleInput(data, 40);
      planA.beginEpoch(new SplittableRandom(1));
      planB.beginEpoch(new SplittableRandom(1));
      float[] before = a.parameters().values().clone();
      executor(a, sum, parallel).step(planA, 0, 0);
      executor(b, new EW(), parallel).step(planB, 0, 0);
      float[] wa = a.parameters().values(), wb = b.parameters().values();
      for (int i = 0; i < wa.length; i++) assertThat(wa[i]).isCloseTo(wb[i], offset(1e-6f));

      int shared = a.parameters().sharedSize();
      for (int t = 0; t < 2; t++) {
        double[] expected = taskGradient(TrainerTest.model(3), data, t, shared);
        for (int i = 0; i < shared; i++) assertThat(sum.seen[t][i]).isCloseTo(expected[i], offset(1e-5));
      }
      assertThat(before).isNotEqualTo(wa);
    }
  }

  /** d L_t / d shared parameters from one plain backward pass on the whole batch. */
  private static double[] taskGradient(MultiTaskModel model, Dataset data, int task, int shared) {
    float[] grads = new float[model.parameters().size()];
    Graph g = new Graph(model.parameters(), grads).begin(Mode.TRAIN, new SplittableRandom(0));
    Var[] logits = model.forward(g, g.input(data.features()), new int[] {task});
    String name = model.tasks().get(task).name();
    LabelMask mask = new LabelMask(data.mask(name), new LabelMask(data.mask(name), 0).count());
    g.tape().backward(model.tasks().get(task).newLoss().loss(logits[task], data.labels(name), mask));
    double[] out = new double[shared];
    for (int i = 0; i < shared; i++) out[i] = grads[i];
    return out;
  }

  /** Sums the representation gradients: back-propagated, that is exactly EW's update. */
  static final class SumOfRepresentationGradients implements Weighting {
    int[] shape;

    public Requirements requirements() {
      return Requirements.REPRESENTATION_GRADIENTS;
    }

    public StepWeights combine(WeightingContext ctx) {
      double[][] g = ctx.taskGradients();
      shape = ctx.representationShape();
      for (double[] row : g) for (int i = 0; i < row.length; i++) ctx.sharedGradient()[i] += row[i];
      return new StepWeights(null, null);
    }
  }

  static Stream<Arguments> cutArchitectures() {
    return Stream.of(Arguments.of(new SharedBottom.Options(6), 1), Arguments.of(new SharedBottom.Options(6), 3),
        Arguments.of(new MMoE.Options(3, 5), 1), Arguments.of(new MMoE.Options(3, 5), 2),
        Arguments.of(new MMoE.Options(4, 5).withGate(MMoE.Gate.DSELECT), 2),
        Arguments.of(new MMoE.Options(3, 5).withGate(MMoE.Gate.SHARED), 3));
  }

  /** Everything before an architecture's shared cut is shared, everything after it task-owned: summed, it is EW. */
  @ParameterizedTest
  @MethodSource("cutArchitectures")
  void representationGradientsSummedAndBackPropagatedEqualEW(Architecture.Factory architecture, int threads) {
    Dataset data = TrainerTest.data(40, 7, true);
    MultiTaskModel a = model(architecture), b = model(architecture);
    SumOfRepresentationGradients sum = new SumOfRepresentationGradients();
    try (DataParallel parallel = new DataParallel(threads)) {
      executor(a, sum, parallel).step(plan(data), 0, 0);
      executor(b, new EW(), parallel).step(plan(data), 0, 0);
      float[] wa = a.parameters().values(), wb = b.parameters().values();
      for (int i = 0; i < wa.length; i++) assertThat(wa[i]).isCloseTo(wb[i], offset(1e-6f));
      assertThat(sum.shape[0]).isEqualTo(40);
    }
  }

  /** A method run on the full [T, d] gradients, as a coordinate-wise method would see them. */
  static final class OnFullVectors implements Weighting {
    final Weighting method;
    final Requirements requirements;

    OnFullVectors(Weighting method, Requirements requirements) {
      this.method = method;
      this.requirements = requirements;
    }

    public Requirements requirements() {
      return requirements;
    }

    public StepWeights combine(WeightingContext ctx) {
      return method.combine(ctx);
    }

    public io.mtl4j.weighting.LearnableParameters learnable(int tasks) {
      return method.learnable(tasks);
    }
  }

  @ParameterizedTest
  @CsvSource({"pcgrad, 1, false", "pcgrad, 2, false", "pcgrad, 3, true", "imtl, 2, false", "imtl, 2, true",
      "nash-mtl, 2, true", "gradvac, 3, false"})
  void innerProductMethodsOnStandInsMatchTheFullGradients(String name, int threads, boolean representation) {
    Dataset data = TrainerTest.data(40, 7, true);
    MultiTaskModel a = TrainerTest.model(3), b = TrainerTest.model(3);
    float[] before = a.parameters().values().clone();
    Weighting.Requirements full = representation ? Weighting.Requirements.REPRESENTATION_GRADIENTS
        : Weighting.Requirements.PARAMETER_GRADIENTS;
    try (DataParallel parallel = new DataParallel(threads)) {
      StepExecutor standIns = executor(a, Weightings.create(name), parallel, representation);
      StepExecutor reference = executor(b, new OnFullVectors(Weightings.create(name), full), parallel);
      for (int step = 0; step < 3; step++) {
        standIns.step(plan(data), 0, step);
        reference.step(plan(data), 0, step);
      }
      float[] wa = a.parameters().values(), wb = b.parameters().values();
      for (int i = 0; i < wa.length; i++) assertThat(wa[i]).isCloseTo(wb[i], offset(1e-5f));
      assertThat(wa).isNotEqualTo(before);
    }
  }

  @org.junit.jupiter.api.Test
  void representationGradientsRefuseCoordinateWiseMethods() {
    try (DataParallel parallel = new DataParallel(1)) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> executor(TrainerTest.model(3), Weightings.create("moco"), parallel, true))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("training.representationGradients: weighting 'MoCo' reads gradients coordinate by");
    }
  }

  @org.junit.jupiter.api.Test
  void representationGradientsNeedOneSharedRepresentation() {
    try (DataParallel parallel = new DataParallel(1)) {
      MultiTaskModel ple = model(new PLE.Options(1, 2, 1, new int[] {5}));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> executor(ple, new SumOfRepresentationGradients(),
              parallel))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the architecture has no single tensor between its shared and task-owned parts");
    }
  }

  private static MultiTaskModel model(Architecture.Factory architecture) {
    return MultiTaskModel.create(new ModelSpec(4, TrainerTest.model(1).tasks(), architecture, new Head.Options(3)), 3);
  }

  private static BatchPlan plan(Dataset data) {
    BatchPlan plan = new BatchPlan.SingleInput(data, data.rows());
    plan.beginEpoch(new SplittableRandom(1));
    return plan;
  }

  /** Declares three loss samples, records what each brings, and leaves the shared parameters alone (zero update). */
  static final class RecordingSamples implements Weighting {
    final double headScale;
    final double[][] losses = new double[3][];
    final double[][][] gradients = new double[3][][];

    RecordingSamples(double headScale) {
      this.headScale = headScale;
    }

    public Requirements requirements() {
      return Requirements.PARAMETER_GRADIENTS.withLossSamples(3, headScale);
    }

    public StepWeights combine(WeightingContext ctx) {
      for (int k = 0; k < 3; k++) {
        losses[k] = ctx.losses(k);
        gradients[k] = Arrays.stream(ctx.taskGradients(k)).map(double[]::clone).toArray(double[][]::new);
      }
      return new StepWeights(null, null);
    }
  }

  /** 90 rows in batches of 30: three samples are one pass. Multi-input: 'sign' has 60 rows and wraps at sample 2. */
  private static BatchPlan samplePlan(boolean multiInput) {
    Dataset data = TrainerTest.data(90, 7, true);
    BatchPlan plan;
    if (multiInput) {
      Dataset other = TrainerTest.data(60, 8, true);
      plan = new BatchPlan.MultiInput(MultiInputData.of(Map.of(
          "sum", Dataset.builder(data.features()).task("sum", data.labels("sum")).build(),
          "sign", Dataset.builder(other.features()).task("sign", other.labels("sign"), other.mask("sign")).build())),
          List.of("sum", "sign"), 30, Sampling.CYCLE);
    } else {
      plan = new BatchPlan.SingleInput(data, 30);
    }
    plan.beginEpoch(new SplittableRandom(1));
    return plan;
  }

  /** Per sample k and task t: the loss [k][t] and the full gradient [k][t][parameters], each from a plain pass. */
  private static double[][] manualSamples(MultiTaskModel model, BatchPlan plan, float[][][] gradients) {
    double[][] losses = new double[3][2];
    for (int k = 0; k < 3; k++) {
      Batch[] perTask = new Batch[2];
      plan.next(perTask, k);
      for (int t = 0; t < 2; t++) {
        gradients[k][t] = new float[model.parameters().size()];
        Graph g = new Graph(model.parameters(), gradients[k][t]).begin(Mode.TRAIN, new SplittableRandom(0));
        Batch b = perTask[t];
        Var[] logits = model.forward(g, g.input(b.features()), new int[] {t});
        int label = b.taskIndex(model.tasks().get(t).name());
        Var loss = model.tasks().get(t).newLoss().loss(logits[t], b.labels(label),
            new LabelMask(b.mask(label), b.labelled(label)));
        g.tape().backward(loss);
        losses[k][t] = loss.item();
      }
    }
    return losses;
  }

  @ParameterizedTest
  @CsvSource({"1, false", "2, false", "3, false", "1, true", "2, true"})
  void aWeightingWithThreeLossSamplesReceivesThreeDifferentBatchesLossesAndGradients(int threads, boolean multiInput) {
    RecordingSamples recording = new RecordingSamples(1);
    float[][][] manual = new float[3][2][];
    double[][] expected = manualSamples(TrainerTest.model(3), samplePlan(multiInput), manual);
    MultiTaskModel model = TrainerTest.model(3);
    int shared = model.parameters().sharedSize();
    try (DataParallel parallel = new DataParallel(threads)) {
      executor(model, recording, parallel).step(samplePlan(multiInput), 0, 0);
    }
    for (int k = 0; k < 3; k++) {
      for (int t = 0; t < 2; t++) {
        assertThat(recording.losses[k][t]).as("loss %d of task %d", k, t).isCloseTo(expected[k][t], offset(1e-5));
        for (int i = 0; i < shared; i++) {
          assertThat(recording.gradients[k][t][i]).as("G%d[%d][%d]", k, t, i).isCloseTo(manual[k][t][i], offset(1e-5));
        }
      }
    }
    assertThat(recording.losses[0]).isNotEqualTo(recording.losses[1]).isNotEqualTo(recording.losses[2]);
    assertThat(recording.losses[1]).isNotEqualTo(recording.losses[2]);
  }

  @ParameterizedTest
  @CsvSource({"1, 0.3333333333333333, false", "2, 0.3333333333333333, true", "1, 1, false", "3, 1, true"})
  void headGradientsAreSummedOverTheSamplesAndScaledByTheWeighting(int threads, double scale, boolean multiInput) {
    float[][][] manual = new float[3][2][];
    manualSamples(TrainerTest.model(3), samplePlan(multiInput), manual);
    MultiTaskModel model = TrainerTest.model(3);
    float[] before = model.parameters().values().clone();
    try (DataParallel parallel = new DataParallel(threads)) {
      executor(model, new RecordingSamples(scale), parallel, 1.0).step(samplePlan(multiInput), 0, 0);
    }
    float[] after = model.parameters().values();
    int shared = model.parameters().sharedSize();
    assertThat(Arrays.copyOf(after, shared)).containsExactly(Arrays.copyOf(before, shared));
    for (int t = 0; t < 2; t++) {
      for (int[] range : model.parameters().rangesOwnedBy(t)) {
        for (int i = range[0]; i < range[1]; i++) {
          double sum = manual[0][t][i] + manual[1][t][i] + manual[2][t][i];
          assertThat((double) before[i] - after[i]).as("head gradient %d of task %d", i, t)
              .isCloseTo(scale * sum, offset(1e-5));
        }
      }
    }
  }
}
