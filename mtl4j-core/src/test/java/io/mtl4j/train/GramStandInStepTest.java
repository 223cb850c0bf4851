package io.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.mtl4j.arch.MultiTaskModel;
import io.mtl4j.data.Dataset;
import io.mtl4j.weighting.StepWeights;
import io.mtl4j.weighting.Weighting;
import io.mtl4j.weighting.WeightingContext;
import io.mtl4j.weighting.Weightings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inner-product methods on Gram stand-ins update exactly as on the full gradients, on parameters and on a cut. */
class GramStandInStepTest {
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
      StepExecutor standIns = StepFixtures.executor(a, Weightings.create(name), parallel, 0.1, representation);
      StepExecutor reference = StepFixtures.executor(b, new OnFullVectors(Weightings.create(name), full), parallel);
      for (int step = 0; step < 3; step++) {
        standIns.step(StepFixtures.plan(data), 0, step);
        reference.step(StepFixtures.plan(data), 0, step);
      }
      float[] wa = a.parameters().values(), wb = b.parameters().values();
      for (int i = 0; i < wa.length; i++) assertThat(wa[i]).isCloseTo(wb[i], offset(1e-5f));
      assertThat(wa).isNotEqualTo(before);
    }
  }
}
