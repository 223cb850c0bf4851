package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.weighting.solver.Gram;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GramStandInTest {

  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of(2, 9, 1L), Arguments.of(2, 300, 2L), Arguments.of(3, 40, 3L),
        Arguments.of(5, 17, 4L), Arguments.of(5, 3, 5L)); // T > d: a singular Gram matrix
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void standInsHaveTheInnerProductsOfTheGradients(int tasks, int dim, long seed) {
    double[][] g = gradients(tasks, dim, new SplittableRandom(seed));
    double[][] gram = Gram.of(g);
    GramStandIn standIn = new GramStandIn(ReplayContext.of(new double[tasks], g), gram);
    double[][] r = standIn.taskGradients(0);
    double scale = maxAbs(gram);
    for (int s = 0; s < tasks; s++) {
      for (int t = 0; t < tasks; t++) assertThat(Gram.dot(r[s], r[t])).isCloseTo(gram[s][t], within(1e-12 * scale));
    }
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void coefficientsReproduceACombinationOfTheStandIns(int tasks, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = gradients(tasks, dim, random);
    GramStandIn standIn = new GramStandIn(ReplayContext.of(new double[tasks], g), Gram.of(g));
    double[] beta = new double[tasks];
    for (int t = 0; t < tasks; t++) beta[t] = random.nextGaussian();
    Gram.combine(beta, standIn.taskGradients(0), standIn.sharedGradient());
    // β itself is not unique when the gradients are dependent, but the update Σ β_t g_t is.
    assertClose(Gram.combine(standIn.coefficients(), g), Gram.combine(beta, g), maxAbs(g));
  }

  /** Every method that declares innerProductsOnly must update the same on stand-ins, over several stateful steps. */
  @ParameterizedTest
  @MethodSource("shapes")
  void innerProductMethodsUpdateTheSameOnStandIns(int tasks, int dim, long seed) {
    for (String name : innerProductMethods()) {
      // IMTL inverts D Uᵀ [T−1, T−1], singular when T − 1 > d: its weights are then rounding noise on any input.
      if (name.equals("imtl") && tasks - 1 > dim) continue;
      Weighting full = Weightings.create(name), onStandIns = Weightings.create(name);
      SplittableRandom random = new SplittableRandom(seed);
      for (int step = 0; step < 3; step++) {
        double[][] g = gradients(tasks, dim, random);
        double[] losses = random.doubles(tasks, 0.2, 3).toArray();
        ReplayContext direct = context(losses, g, step, seed);
        StepWeights expected = full.combine(direct);
        GramStandIn standIn = new GramStandIn(context(losses, g, step, seed), Gram.of(g));
        StepWeights actual = onStandIns.combine(standIn);
        double scale = maxAbs(g);
        assertThat(Gram.combine(standIn.coefficients(), g)).as(name + " step " + step)
            .usingElementComparator((a, b) -> Math.abs(a - b) <= 1e-7 * scale ? 0 : Double.compare(a, b))
            .containsExactly(boxed(direct.sharedGradient()));
        // With dependent gradients (T > d) weights are not unique; the update above is what must agree.
        if (expected.reported() != null && tasks <= dim) {
          assertThat(actual.reported()).as(name + " weights").containsExactly(expected.reported(), within(1e-6));
        }
      }
    }
  }

  @Test
  void theProjectionAndMinNormFamiliesRunOnStandIns() {
    assertThat(innerProductMethods()).contains("pcgrad", "gradvac", "imtl", "aligned-mtl", "mgda", "cagrad",
        "nash-mtl", "upgrad", "fairgrad");
  }

  /** GradDrop decides per coordinate: stand-ins would change its update, so it must not declare the property. */
  @Test
  void coordinateWiseMethodsDoNotClaimIt() {
    assertThat(innerProductMethods()).doesNotContain("graddrop", "moco", "db-mtl", "excessmtl", "ew");
    GradVac perLayer = new GradVac(new GradVac.Options(0.5, GradVac.Granularity.LAYER));
    assertThat(perLayer.requirements().innerProductsOnly()).as("per-layer coefficients are not one combination")
        .isFalse();
  }

  private static List<String> innerProductMethods() {
    List<String> names = new ArrayList<>();
    for (String name : Weightings.names()) {
      if (Weightings.create(name).requirements().innerProductsOnly()) names.add(name);
    }
    return names;
  }

  private static ReplayContext context(double[] losses, double[][] g, int step, long seed) {
    double[][] history = new double[losses.length][4];
    return new ReplayContext(new double[][] {losses.clone()}, new double[][][] {g}, step, 0)
        .withRandom(RandomSource.seeded(seed * 31 + step)).withLossHistory(history);
  }

  /** Gaussian gradients with task 0 scaled up and task 1 pushed against it: conflicts and unequal norms. */
  private static double[][] gradients(int tasks, int dim, SplittableRandom random) {
    double[][] g = new double[tasks][dim];
    for (int t = 0; t < tasks; t++) {
      for (int i = 0; i < dim; i++) g[t][i] = random.nextGaussian();
    }
    for (int i = 0; i < dim; i++) {
      g[0][i] *= 3;
      g[1][i] -= 0.5 * g[0][i];
    }
    return g;
  }

  private static double maxAbs(double[][] m) {
    double max = 0;
    for (double[] row : m) for (double v : row) max = Math.max(max, Math.abs(v));
    return max;
  }

  private static void assertClose(double[] actual, double[] expected, double scale) {
    for (int i = 0; i < expected.length; i++) assertThat(actual[i]).isCloseTo(expected[i], within(1e-9 * scale));
  }

  private static Double[] boxed(double[] v) {
    Double[] b = new Double[v.length];
    for (int i = 0; i < v.length; i++) b[i] = v[i];
    return b;
  }
}
