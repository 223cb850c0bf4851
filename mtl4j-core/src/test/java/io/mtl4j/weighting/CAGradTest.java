package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mtl4j.testkit.GoldenCases;
import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import io.mtl4j.weighting.solver.Gram;
import io.mtl4j.weighting.solver.Slsqp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class CAGradTest {

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("io.mtl4j.testkit.WeightingDriver#seeds")
  void weightsLieOnTheSimplexAndDoNotRaiseTheObjective(long seed) {
    ReplayContext ctx = WeightingDriver.conflictingStep(new SplittableRandom(seed), 4, 7);
    double[][] grads = ctx.taskGradients(0);
    StepWeights w = new CAGrad().combine(ctx);
    double sum = 0;
    for (double v : w.reported()) {
      assertThat(v).isBetween(0.0, 1.0);
      sum += v;
    }
    assertThat(sum).isCloseTo(1.0, within(1e-9));
    double[][] gram = Gram.of(grads);
    double c = 0.5 * Math.sqrt(Arrays.stream(gram).flatMapToDouble(Arrays::stream).sum() / 16 + 1e-8) + 1e-8;
    double[] start = {0.25, 0.25, 0.25, 0.25};
    assertThat(CAGrad.objective(gram, c, w.reported())).isLessThanOrEqualTo(CAGrad.objective(gram, c, start));
    assertThat(w.lossScales()).isNull();
  }

  static LongStream scaleSeeds() {
    return LongStream.rangeClosed(1, 60);
  }

  /**
   * Issue 20's property: with each task's gradient scaled by a random factor in 1e-3…1e3 (T = 2…6, d = 3…42) the
   * weights are a KKT point of the dual, as the tolerance of {@link CAGradDual} states it.
   */
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("scaleSeeds")
  void weightsAreAKktPointOfTheDualAtAnyGradientScale(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int tasks = 2 + random.nextInt(5);
    int dim = 3 + random.nextInt(40);
    double[][] grads = new double[tasks][dim];
    for (double[] row : grads) {
      double scale = Math.pow(10, -3 + 6 * random.nextDouble());
      for (int k = 0; k < dim; k++) {
        row[k] = scale * random.nextGaussian();
      }
    }
    double[] w = new CAGrad().combine(ReplayContext.of(WeightingDriver.losses(random, tasks), grads)).reported();
    double[][] gram = Gram.of(grads);
    double radius = CAGradDual.radius(gram, 0.5);
    assertThat(CAGradDual.isKktPoint(gram, radius, w))
        .as("gap %s, allowed %s, w %s", CAGradDual.gap(gram, radius, w), CAGradDual.allowedGap(gram, radius, w),
            Arrays.toString(w))
        .isTrue();
  }

  @Test
  void zeroRadiusGivesTheAverageGradient() {
    double[][] grads = {{1, 0, 2}, {-1, 3, 0}, {0.5, 0.5, 0.5}};
    ReplayContext ctx = ReplayContext.of(new double[] {1, 1, 1}, grads);
    new CAGrad(new CAGrad.Options(0.0, 1)).combine(ctx);
    assertThat(ctx.sharedGradient()).containsExactly(new double[] {0.5 / 3, 3.5 / 3, 2.5 / 3}, within(1e-7));
  }

  /**
   * The SLSQP port takes the same path as scipy 1.10's: same iteration count, objective evaluations and exit status
   * on every golden case where scipy converged. Where it did not (x1000 gradients: scipy's QP steps are rounding
   * noise there and it stopped at the start point), the port reaches the KKT point, below scipy's objective.
   */
  @Test
  void reproducesScipysIterationsOnTheGoldenCasesAndConvergesWhereScipyStalled() throws IOException {
    Path file = GoldenCases.directory().resolve("CAGrad.json");
    assumeTrue(Files.isRegularFile(file), "golden vectors not found at " + file.toAbsolutePath());
    for (GoldenCases.Case c : GoldenCases.read(file).cases()) {
      GoldenCases.Step s = c.steps().get(0);
      double[][] gram = Gram.of(s.grads()[0]);
      double radius = CAGradDual.radius(gram, ((Number) c.params().get("calpha")).doubleValue());
      Slsqp.Result r = CAGrad.solveDual(gram, radius);
      JsonNode solver = s.expected().extra().get("solver");
      if (InaccurateReference.reason("CAGrad", c, s).isPresent()) {
        assertThat(CAGradDual.isKktPoint(gram, radius, r.x())).as(c.name() + " KKT").isTrue();
        assertThat(r.value()).as(c.name() + " fun").isLessThan(solver.get("fun").asDouble());
        continue;
      }
      assertThat(r.iterations()).as(c.name() + " nit").isEqualTo(solver.get("nit").asInt());
      assertThat(r.evaluations()).as(c.name() + " nfev").isEqualTo(solver.get("nfev").asInt());
      assertThat(r.status().code()).as(c.name() + " status").isEqualTo(solver.get("status").asInt());
      assertThat(r.value()).as(c.name() + " fun")
          .isCloseTo(solver.get("fun").asDouble(), within(1e-6 * Math.abs(solver.get("fun").asDouble())));
    }
  }

  /**
   * Issue 20's edge: one task's gradient x1000 (T = 5, d = 17). The weights must be a KKT point of the dual whether
   * scipy converged on the same inputs (cases 1-3) or stopped at the start (cases 4-5, see the file's source).
   */
  @Test
  void reachesTheKktPointWhenOneGradientIsAThousandTimesLarger() throws IOException {
    GoldenCases.GoldenFile file = GoldenCases.resource("golden/edges/CAGrad_x1000.json");
    assertThat(file.cases()).hasSize(5);
    for (GoldenCases.Case c : file.cases()) {
      GoldenCases.Step s = c.steps().get(0);
      double[][] gram = Gram.of(s.grads()[0]);
      double radius = CAGradDual.radius(gram, 0.5);
      double[] w = new CAGrad().combine(ReplayContext.of(s.losses()[0], s.grads()[0])).reported();
      assertThat(s.expected().extra().get("kkt_point").asBoolean()).isTrue();
      assertThat(CAGradDual.gap(gram, radius, w)).as(c.name() + " KKT gap")
          .isLessThanOrEqualTo(CAGradDual.allowedGap(gram, radius, w));
      JsonNode scipy = s.expected().extra().get("scipy");
      // f(w) - f* ≤ gap, so no solver that converged can be lower by more than our gap.
      assertThat(CAGrad.objective(gram, radius, w)).as(c.name() + " objective")
          .isLessThanOrEqualTo(scipy.get("fun").asDouble() + CAGradDual.gap(gram, radius, w));
    }
  }

  @Test
  void validatesOptions() {
    assertThatThrownBy(() -> new CAGrad.Options(-0.1, 1)).hasMessageContaining("radius: -0.1");
    assertThatThrownBy(() -> new CAGrad.Options(0.5, 3)).hasMessageContaining("rescale: 3");
  }
}
