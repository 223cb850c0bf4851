package io.mtl4j.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.testkit.ReplayContext;
import io.mtl4j.testkit.WeightingDriver;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradDropTest {
  /** Shapes [B, R] with widths beyond one column chunk and not a multiple of the vector length. */
  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of(41L, 2, 1, 9001, 0.0), Arguments.of(42L, 3, 4, 1500, 0.3),
        Arguments.of(43L, 5, 200, 67, 0.0), Arguments.of(44L, 2, 7, 13, 1.0), Arguments.of(45L, 4, 1, 5, 0.5));
  }

  @ParameterizedTest(name = "seed {0}, T={1}, B={2}, R={3}, leak {4}")
  @MethodSource("shapes")
  void updateIsExactlyTheColumnByColumnRule(long seed, int tasks, int rows, int width, double leak) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = WeightingDriver.conflictingGradients(random, tasks, rows * width);
    double[] rep = WeightingDriver.gaussians(random, rows * width);
    for (int k = 0; k < rep.length; k += 7) {
      rep[k] = k % 2 == 0 ? 0.0 : -0.0; // sign 0: the gradient does not count towards the purity
    }
    int[] shape = {rows, width};
    ReplayContext ctx = ReplayContext.of(WeightingDriver.losses(random, tasks), g)
        .withRepresentation(rep, shape)
        .withRandom(RandomSource.seeded(seed));
    new GradDrop(new GradDrop.Options(leak)).combine(ctx);
    assertThat(ctx.sharedGradient()).containsExactly(reference(g, rep, shape, leak, RandomSource.seeded(seed)),
        within(0.0));
  }

  /** Eq. 1 of Chen et al. as LibMTL applies it: purity per column, one uniform draw per column in order. */
  private static double[] reference(double[][] g, double[] rep, int[] shape, double leak, RandomSource random) {
    int rows = shape[0];
    int width = shape[1];
    double[][] signed = new double[g.length][width];
    for (int t = 0; t < g.length; t++) {
      for (int b = 0; b < rows; b++) {
        for (int r = 0; r < width; r++) {
          signed[t][r] += g[t][b * width + r] * Math.signum(rep[b * width + r]);
        }
      }
    }
    double[] out = new double[rows * width];
    for (int r = 0; r < width; r++) {
      double sum = 0;
      double abs = 0;
      for (double[] s : signed) {
        sum += s[r];
        abs += Math.abs(s[r]);
      }
      double purity = 0.5 * (1 + sum / (abs + 1e-7));
      double u = random.nextUniform();
      for (int t = 0; t < g.length; t++) {
        boolean keep = (purity > u && signed[t][r] > 0) || (purity < u && signed[t][r] < 0);
        double factor = leak + (1 - leak) * (keep ? 1 : 0);
        for (int b = 0; b < rows; b++) {
          out[b * width + r] += g[t][b * width + r] * factor;
        }
      }
    }
    return out;
  }
}
