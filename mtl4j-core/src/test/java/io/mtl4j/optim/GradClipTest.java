package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GradClipTest {

  @Test
  void leavesGradientsBelowTheBoundUnchanged() {
    float[] g = {3, 4};
    assertThat(GradClip.clipByGlobalNorm(g, 10)).isEqualTo(5.0);
    assertThat(g).containsExactly(3, 4);
  }

  @Test
  void scalesGradientsAboveTheBoundToIt() {
    float[] g = {3, 4};
    assertThat(GradClip.clipByGlobalNorm(g, 1)).isEqualTo(5.0);
    // torch's factor maxNorm/(norm + 1e-6) leaves the norm a hair under 1
    assertThat((double) g[0]).isCloseTo(0.6, within(1e-6));
    assertThat((double) g[1]).isCloseTo(0.8, within(1e-6));
  }

  @Test
  void measuresAndScalesOnlyTheRange() {
    float[] g = {100, 3, 4, 100};
    assertThat(GradClip.clipByGlobalNorm(g, 1, 3, 2.5)).isEqualTo(5.0);
    assertThat(g[0]).isEqualTo(100);
    assertThat(g[3]).isEqualTo(100);
    assertThat((double) g[1]).isCloseTo(1.5, within(1e-6));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 1001})
  void normMatchesADoubleReferenceAndClippedNormIsTheBound(int n) {
    SplittableRandom rng = new SplittableRandom(n);
    float[] g = new float[n];
    double ref = 0;
    for (int i = 0; i < n; i++) {
      g[i] = (float) rng.nextDouble(-3, 3);
      ref += (double) g[i] * g[i];
    }
    double before = GradClip.clipByGlobalNorm(g, 0.5);
    assertThat(before).isCloseTo(Math.sqrt(ref), within(1e-12 * Math.sqrt(ref)));
    double after = Math.sqrt(GradClip.sumOfSquares(g, 0, n));
    assertThat(after).isCloseTo(Math.min(before, 0.5), within(1e-6)); // float rounding of the scaled values
  }

  @Test
  void leavesNonFiniteGradientsForTheCallerToHandle() {
    float[] g = {Float.NaN, 1};
    assertThat(GradClip.clipByGlobalNorm(g, 1)).isNaN();
    assertThat(g[1]).isEqualTo(1);
  }

  @Test
  void rejectsANonPositiveBound() {
    assertThatThrownBy(() -> GradClip.clipByGlobalNorm(new float[2], 0))
        .hasMessage("GradClip: maxNorm = 0.0, expected a finite value > 0");
  }

  /** A buffer of {@code n} values that is zero outside random ranges, and those ranges. */
  private static int[][] zeroOutsideRandomRanges(float[] g, SplittableRandom r) {
    java.util.List<int[]> ranges = new java.util.ArrayList<>();
    for (int at = 0; at < g.length; ) {
      int len = 1 + r.nextInt(7);
      int end = Math.min(g.length, at + len);
      if (r.nextBoolean()) {
        ranges.add(new int[] {at, end});
        for (int i = at; i < end; i++) g[i] = (float) r.nextGaussian();
      }
      at = end;
    }
    return ranges.toArray(new int[0][]);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 63, 64, 101, 1000})
  void normAndClippingOverTheSupportAreTheDenseOnesBitForBit(int n) {
    SplittableRandom r = new SplittableRandom(n);
    float[] g = new float[n];
    int[][] support = zeroOutsideRandomRanges(g, r);
    int from = r.nextInt(n), to = from + r.nextInt(n - from + 1);
    assertThat(GradClip.norm(g, from, to, support)).isEqualTo(GradClip.norm(g, from, to));
    float[] dense = g.clone();
    double bound = GradClip.globalNorm(g) / 3 + 1e-3;
    assertThat(GradClip.clipByGlobalNorm(g, support, bound)).isEqualTo(GradClip.clipByGlobalNorm(dense, bound));
    assertThat(g).containsExactly(dense);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 64, 101, 1000, 1003})
  void prefixAndTotalNormAreTheTwoSeparateNormsBitForBit(int n) {
    SplittableRandom r = new SplittableRandom(31L * n);
    for (int trial = 0; trial < 20; trial++) {
      float[] g = new float[n];
      int[][] support = zeroOutsideRandomRanges(g, r);
      int prefix = r.nextInt(n + 1); // any residue mod 4: the prefix's own tail goes to its accumulator 0
      double[] both = GradClip.prefixAndTotalNorm(g, prefix, support);
      assertThat(both[0]).as("prefix %d", prefix).isEqualTo(GradClip.norm(g, 0, prefix, support));
      assertThat(both[1]).as("prefix %d", prefix).isEqualTo(GradClip.norm(g, 0, n, support));
    }
  }

  @Test
  void clippingByAKnownNormScalesTheSupportAsClippingByGlobalNormDoes() {
    SplittableRandom r = new SplittableRandom(5);
    float[] g = new float[200];
    int[][] support = zeroOutsideRandomRanges(g, r);
    float[] known = g.clone();
    double norm = GradClip.clipByGlobalNorm(g, support, 0.5);
    GradClip.clip(known, support, GradClip.norm(known, 0, known.length, support), 0.5);
    assertThat(known).containsExactly(g);
    assertThat(norm).isGreaterThan(0.5); // so the bound did clip
  }
}
