package io.mtl4j.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdamTest {
  // float32 kernel against double-precision expectations for values near 1: a few ulps
  private static final double TOL = 2e-6;
  static final float[][] GRADS = {{0.5f, -0.2f}, {-1.0f, 0.3f}, {2.0f, 0.0f}};

  /** Runs three steps from p = (1, -0.5) and returns the parameters after each. */
  static float[][] threeSteps(Optimizer optimizer) {
    float[] p = {1f, -0.5f};
    float[][] out = new float[3][];
    for (int s = 0; s < 3; s++) {
      optimizer.step(p, GRADS[s].clone());
      out[s] = p.clone();
    }
    return out;
  }

  static void assertTrajectory(float[][] actual, double[][] expected) {
    for (int s = 0; s < expected.length; s++) {
      for (int i = 0; i < expected[s].length; i++) {
        assertThat((double) actual[s][i]).as("step %d, p[%d]", s + 1, i).isCloseTo(expected[s][i], within(TOL));
      }
    }
  }

  @Test
  void firstStepMovesByTheLearningRateAgainstTheGradientSign() {
    // m̂ = g and v̂ = g² after bias correction, so the update is lr·g/(|g| + ε)
    float[] p = {1f, -0.5f};
    new Adam(Adam.Options.defaults().withLearningRate(0.1)).step(p, new float[] {0.5f, -0.2f});
    assertThat((double) p[0]).isCloseTo(0.9, within(TOL));
    assertThat((double) p[1]).isCloseTo(-0.4, within(TOL));
  }

  @Test
  void followsTorchFormulaForThreeSteps() {
    // step 2, p[0]: m = 0.9·0.05 − 0.1 = −0.055, v = 0.999·0.00025 + 0.001 = 0.00124975,
    // m̂ = −0.055/0.19, v̂ = 0.00124975/0.001999, p = 0.9 − 0.1·m̂/(√v̂ + 1e-8) = 0.93661035
    assertTrajectory(threeSteps(new Adam(Adam.Options.defaults().withLearningRate(0.1))), new double[][] {
        {0.900000002, -0.400000005}, {0.9366103542, -0.4247701856}, {0.8946447927, -0.4439176069}});
  }

  @Test
  void weightDecayIsAddedToTheGradient() {
    // step 1, p[0]: g = 0.5 + 0.1·1 = 0.6, the update is still ≈ lr; later steps differ from plain Adam
    assertTrajectory(threeSteps(new Adam(Adam.Options.defaults().withLearningRate(0.1).withWeightDecay(0.1))),
        new double[][] {
            {0.9000000017, -0.400000004}, {0.9252635194, -0.4072224867}, {0.8776172608, -0.4055982866}});
  }

  @Test
  void matchesADoublePrecisionReferenceOnRandomVectors() {
    SplittableRandom rng = new SplittableRandom(7);
    int n = 37;
    float[] p = new float[n];
    double[] ref = new double[n];
    double[] m = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = (float) rng.nextDouble(-1, 1);
      ref[i] = p[i];
    }
    Adam adam = new Adam(new Adam.Options(0.01, 0.8, 0.99, 1e-6, 0.01));
    for (int t = 1; t <= 5; t++) {
      float[] g = new float[n];
      for (int i = 0; i < n; i++) {
        g[i] = (float) rng.nextDouble(-1, 1);
        double gi = g[i] + 0.01 * ref[i];
        m[i] = 0.8 * m[i] + 0.2 * gi;
        v[i] = 0.99 * v[i] + 0.01 * gi * gi;
        ref[i] -= 0.01 * (m[i] / (1 - Math.pow(0.8, t))) / (Math.sqrt(v[i] / (1 - Math.pow(0.99, t))) + 1e-6);
      }
      adam.step(p, g);
    }
    for (int i = 0; i < n; i++) {
      assertThat((double) p[i]).isCloseTo(ref[i], within(TOL));
    }
  }

  @Test
  void stepDoesNotAllocateOnALargeBuffer() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = 100_000;
    float[] p = new float[n];
    float[] g = new float[n];
    java.util.Arrays.fill(g, 0.1f);
    Adam adam = new Adam(Adam.Options.defaults(), LrSchedule.warmup(10, LrSchedule.cosine(1000, 0.1)));
    adam.step(p, g); // allocates m and v once
    threads.getCurrentThreadAllocatedBytes();
    long before = threads.getCurrentThreadAllocatedBytes();
    for (int s = 0; s < 50; s++) {
      adam.step(p, g);
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    // one object per step would already be ≥ 50 × 16 bytes; the bound leaves room for the probe itself
    assertThat(allocated).isLessThan(512);
  }

  @Test
  void rejectsInvalidOptions() {
    assertThatThrownBy(() -> Adam.Options.defaults().withLearningRate(-0.01))
        .hasMessage("Adam.Options: learningRate = -0.01, expected a finite value > 0");
    assertThatThrownBy(() -> new Adam.Options(1e-3, 1.0, 0.999, 1e-8, 0))
        .hasMessage("Adam.Options: beta1 = 1.0, expected a value in [0, 1)");
    assertThatThrownBy(() -> new Adam.Options(1e-3, 0.9, -0.1, 1e-8, 0))
        .hasMessage("Adam.Options: beta2 = -0.1, expected a value in [0, 1)");
    assertThatThrownBy(() -> new Adam.Options(1e-3, 0.9, 0.999, 0, 0))
        .hasMessage("Adam.Options: epsilon = 0.0, expected a finite value > 0");
    assertThatThrownBy(() -> Adam.Options.defaults().withWeightDecay(Double.NaN))
        .hasMessage("Adam.Options: weightDecay = NaN, expected a finite value >= 0");
  }

  @Test
  void rejectsABufferOfAnotherLength() {
    Adam adam = new Adam(Adam.Options.defaults());
    adam.step(new float[4], new float[4]);
    assertThatThrownBy(() -> adam.step(new float[5], new float[5]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sized for 4");
  }

  @Test
  void overTouchedRowsItIsLazyAdamWithTheGlobalStepsBiasCorrection() {
    // Two rows of width 1, lr 0.1, g = 1 wherever a row is touched; row 1 sits out step 2.
    Adam adam = new Adam(Adam.Options.defaults().withLearningRate(0.1));
    float[] p = {1f, 1f};
    adam.step(p, new float[] {1f, 1f}, new int[][] {{0, 2}});
    adam.step(p, new float[] {1f, 0f}, new int[][] {{0, 1}});
    assertThat((double) p[1]).as("untouched at step 2").isCloseTo(0.9, within(TOL));
    adam.step(p, new float[] {1f, 1f}, new int[][] {{0, 2}});
    // By hand: m = 0.9·0.1 + 0.1 = 0.19, v = 0.999·0.001 + 0.001 = 0.001999 (one decay each: two touches), t = 3:
    // p = 0.9 − 0.1·(0.19/(1 − 0.9³)) / (√(0.001999/(1 − 0.999³)) + 1e-8) = 0.8141537…
    assertThat((double) p[1]).isCloseTo(0.8141537454745876, within(TOL));
    assertThat((double) adam.state().arrays().get("m")[1]).isCloseTo(0.19, within(1e-7));
    assertThat((double) adam.state().arrays().get("v")[1]).isCloseTo(0.001999, within(1e-9));
  }

  @Test
  void aRowFirstTouchedLateMovesByMoreThanTheLearningRate() {
    // Row 1 is first touched at step 1000: m̂ = 0.1/(1 − 0.9¹⁰⁰⁰), v̂ = 0.001/(1 − 0.999¹⁰⁰⁰), as SparseAdam does.
    Adam adam = new Adam(Adam.Options.defaults().withLearningRate(0.1));
    float[] p = {1f, 1f};
    for (int s = 0; s < 999; s++) adam.step(p, new float[] {1f, 0f}, new int[][] {{0, 1}});
    assertThat(p[1]).isEqualTo(1f);
    adam.step(p, new float[] {1f, 1f}, new int[][] {{1, 2}});
    assertThat((double) p[1]).isCloseTo(0.748543391966974, within(TOL));
  }

  /** Ascending disjoint ranges over [0, n): rows of 16 (a sparse table's touched rows) and longer dense runs. */
  static int[][] randomRanges(int n, SplittableRandom r) {
    java.util.List<int[]> out = new java.util.ArrayList<>();
    for (int at = r.nextInt(16); at < n; ) {
      int len = Math.min(n - at, r.nextBoolean() ? 16 : 1 + r.nextInt(5000));
      out.add(new int[] {at, at + len});
      at += len + r.nextInt(40);
    }
    return out.toArray(new int[0][]);
  }

  @ParameterizedTest
  @CsvSource({"2, 1, 0", "2, 2, 0.01", "3, 3, 0", "4, 4, 0.1"})
  void stepSplitOverWorkersGivesTheOneThreadFloats(int workers, long seed, double weightDecay) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 3 * Adam.PARALLEL_ELEMENTS;
    float[] serial = new float[n];
    for (int i = 0; i < n; i++) serial[i] = (float) r.nextGaussian();
    float[] split = serial.clone();
    Adam.Options options = Adam.Options.defaults().withWeightDecay(weightDecay);
    Adam one = new Adam(options), many = new Adam(options);
    try (io.mtl4j.train.DataParallel pool = new io.mtl4j.train.DataParallel(workers)) {
      for (int step = 0; step < 4; step++) {
        float[] g = new float[n];
        for (int i = 0; i < n; i++) g[i] = (float) r.nextGaussian();
        int[][] ranges = randomRanges(n, r);
        one.step(serial, g, ranges);
        many.step(split, g, ranges, pool);
        assertThat(split).containsExactly(serial);
      }
    }
    assertThat(many.state().arrays().get("m")).containsExactly(one.state().arrays().get("m"));
    assertThat(many.state().arrays().get("v")).containsExactly(one.state().arrays().get("v"));
  }

  @ParameterizedTest
  @CsvSource({"1, 1", "2, 2", "3, 3", "7, 4"})
  void splitCutsTheRangesIntoOrderedRunsOfNearlyEqualSize(int parts, long seed) {
    int[][] ranges = randomRanges(20_000, new SplittableRandom(seed));
    int[][][] split = Workers.split(ranges, parts);
    java.util.List<Integer> elements = new java.util.ArrayList<>(), again = new java.util.ArrayList<>();
    for (int[] r : ranges) for (int i = r[0]; i < r[1]; i++) elements.add(i);
    int smallest = Integer.MAX_VALUE, largest = 0;
    for (int[][] part : split) {
      int size = 0;
      for (int[] r : part) {
        for (int i = r[0]; i < r[1]; i++) again.add(i);
        size += r[1] - r[0];
      }
      smallest = Math.min(smallest, size);
      largest = Math.max(largest, size);
    }
    assertThat(again).isEqualTo(elements);
    assertThat(largest - smallest).isLessThanOrEqualTo(1);
  }
}
