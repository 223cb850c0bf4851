package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Batch;
import io.mtl4j.data.Dataset;
import io.mtl4j.data.MultiInputData;
import io.mtl4j.data.Sampling;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.LabelMask;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Several loss samples per step: each sample's losses and rows of G reach the weighting; heads sum over samples. */
class MultiSampleStepTest {
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
      StepFixtures.executor(model, recording, parallel).step(samplePlan(multiInput), 0, 0);
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
      StepFixtures.executor(model, new RecordingSamples(scale), parallel, 1.0, false)
          .step(samplePlan(multiInput), 0, 0);
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
