package io.mtl4j.weighting.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GramTest {
  /** Lengths around the short-dot cut-off, the vector blocks and the chunk size. */
  static Stream<Arguments> shapes() {
    return Stream.of(Arguments.of(21L, 2, 1), Arguments.of(22L, 3, 17), Arguments.of(23L, 2, 63),
        Arguments.of(24L, 4, 64), Arguments.of(25L, 5, 100), Arguments.of(26L, 2, Gram.CHUNK - 1),
        Arguments.of(27L, 3, Gram.CHUNK), Arguments.of(28L, 6, Gram.CHUNK + 1), Arguments.of(29L, 10, 5003));
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void gramEntriesAreThePairwiseDotProducts(long seed, int tasks, int dim) {
    double[][] g = gaussians(new SplittableRandom(seed), tasks, dim);
    double[][] gram = Gram.of(g);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        assertThat(gram[i][j]).as("(%d, %d)", i, j).isCloseTo(plainDot(g[i], g[j]), within(tolerance(g[i], g[j])));
        assertThat(gram[j][i]).isEqualTo(gram[i][j]);
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void chunkByChunkAccumulationAddsUpToExactlyTheGram(long seed, int tasks, int dim) {
    double[][] g = gaussians(new SplittableRandom(seed), tasks, dim);
    Gram.Accumulator sum = new Gram.Accumulator(tasks);
    for (int from = 0; from < dim; from += Gram.CHUNK) {
      sum.add(g, from, Math.min(dim, from + Gram.CHUNK));
    }
    assertThat(sum.gram()).isDeepEqualTo(Gram.of(g));
    assertThat(Gram.of(g)).isDeepEqualTo(Gram.of(g));
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void everyProductIsSummedInTheSameOrderWhereverItIsFormed(long seed, int tasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = gaussians(random, tasks, dim);
    double[][] other = gaussians(random, tasks + 3, dim);
    double[][] gram = Gram.of(g);
    double[][] cross = Gram.cross(g, other);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        assertThat(gram[i][j]).isEqualTo(Gram.dot(g[i], g[j]));
      }
      for (int j = 0; j < other.length; j++) {
        assertThat(cross[i][j]).isEqualTo(Gram.dot(g[i], other[j]));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void crossEntriesAreTheDotProductsOfTheTwoSets(long seed, int tasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] a = gaussians(random, tasks, dim);
    double[][] b = gaussians(random, tasks + 1, dim);
    double[][] cross = Gram.cross(a, b);
    assertThat(cross).hasDimensions(tasks, tasks + 1);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j <= tasks; j++) {
        assertThat(cross[i][j]).isCloseTo(plainDot(a[i], b[j]), within(tolerance(a[i], b[j])));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void blockGramsAddUpToTheWholeGram(long seed, int tasks, int dim) {
    double[][] g = gaussians(new SplittableRandom(seed), tasks, dim);
    int cut = dim / 3;
    double[][] left = Gram.of(g, 0, cut);
    double[][] right = Gram.of(g, cut, dim);
    double[][] whole = Gram.of(g);
    for (int i = 0; i < tasks; i++) {
      for (int j = 0; j < tasks; j++) {
        assertThat(left[i][j] + right[i][j]).isCloseTo(whole[i][j], within(tolerance(g[i], g[j])));
      }
    }
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void combineAccumulatesTaskByTaskInTaskOrder(long seed, int tasks, int dim) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] g = gaussians(random, tasks, dim);
    double[] w = gaussians(random, 1, tasks)[0];
    double[] expected = new double[dim];
    for (int t = 0; t < tasks; t++) {
      for (int k = 0; k < dim; k++) {
        expected[k] += w[t] * g[t][k];
      }
    }
    assertThat(Gram.combine(w, g)).containsExactly(expected);
    double[] part = new double[dim];
    Gram.combine(w, g, part, dim / 2, dim);
    for (int k = 0; k < dim; k++) {
      assertThat(part[k]).isEqualTo(k < dim / 2 ? 0.0 : expected[k]);
    }
  }

  @ParameterizedTest(name = "seed {0}, T={1}, d={2}")
  @MethodSource("shapes")
  void vectorAndScalarDotKernelsAgree(long seed, int ignoredTasks, int dim) {
    double[][] g = gaussians(new SplittableRandom(seed), 2, dim);
    double plain = plainDot(g[0], g[1]);
    assertThat(DotKernels.dot(g[0], g[1], 0, dim)).isCloseTo(plain, within(tolerance(g[0], g[1])));
    assertThat(DotKernels.scalarDot(g[0], g[1], 0, dim)).isCloseTo(plain, within(tolerance(g[0], g[1])));
    int from = Math.min(3, dim);
    assertThat(DotKernels.dot(g[0], g[1], from, dim))
        .isCloseTo(plainDot(g[0], g[1]) - plainDot(g[0], g[1], from), within(2 * tolerance(g[0], g[1])));
  }

  /** Rounding of a length-d dot product: a few ulps of ‖a‖‖b‖ per √d partial sums, generously. */
  private static double tolerance(double[] a, double[] b) {
    return 1e-13 * Math.sqrt(plainDot(a, a) * plainDot(b, b)) * Math.max(1, Math.sqrt(a.length));
  }

  private static double plainDot(double[] a, double[] b) {
    return plainDot(a, b, a.length);
  }

  /** Σ_{i &lt; n} a_i b_i, left to right. */
  private static double plainDot(double[] a, double[] b, int n) {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double[][] gaussians(SplittableRandom random, int rows, int cols) {
    double[][] out = new double[rows][cols];
    for (double[] row : out) {
      for (int k = 0; k < cols; k++) {
        row[k] = random.nextGaussian();
      }
    }
    return out;
  }
}
