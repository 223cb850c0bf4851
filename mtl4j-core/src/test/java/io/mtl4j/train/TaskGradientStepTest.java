package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.autodiff.Var;
import io.mtl4j.data.Dataset;
import io.mtl4j.nn.Graph;
import io.mtl4j.nn.Mode;
import io.mtl4j.task.LabelMask;
import io.mtl4j.weighting.EW;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-task parameter gradients a coordinate-wise weighting receives, against independent backward passes. */
class TaskGradientStepTest {
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
      StepFixtures.executor(a, sum, parallel).step(planA, 0, 0);
      StepFixtures.executor(b, new EW(), parallel).step(planB, 0, 0);
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
}
