package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.arch.Architecture;
import io.mtl4j.arch.MMoE;
import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.arch.SharedBottom;
import io.mtl4j.data.Dataset;
import io.mtl4j.weighting.EW;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Representation gradients: rows of G on the shared cut, and their combination carried through the shared part. */
class RepresentationGradientStepTest {
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
    MultiTaskModel a = StepFixtures.model(architecture), b = StepFixtures.model(architecture);
    SumOfRepresentationGradients sum = new SumOfRepresentationGradients();
    try (DataParallel parallel = new DataParallel(threads)) {
      StepFixtures.executor(a, sum, parallel).step(StepFixtures.plan(data), 0, 0);
      StepFixtures.executor(b, new EW(), parallel).step(StepFixtures.plan(data), 0, 0);
      float[] wa = a.parameters().values(), wb = b.parameters().values();
      for (int i = 0; i < wa.length; i++) assertThat(wa[i]).isCloseTo(wb[i], offset(1e-6f));
      assertThat(sum.shape[0]).isEqualTo(40);
    }
  }
}
