package io.mtl4j.data.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.data.demo.MmoeSynthetic.Options;
import io.mtl4j.data.demo.MmoeSynthetic.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MmoeSyntheticTest {
  private static final long GENERATOR_SEED = 20180819L;
  private static final long ROW_SEED = 7L;
  // Correlation tests: the sample Pearson r of a bivariate normal has standard deviation ≈ (1 − ρ²)/√n.
  private static final int ROWS = 20_000;

  @ParameterizedTest
  @CsvSource({"100, 2, 37", "5, 5, 1", "16, 3, 0", "128, 4, 250"})
  void producesRowMajorFeaturesAndOneTargetRowPerTask(int inputs, int tasks, int rows) {
    Sample sample =
        MmoeSynthetic.generate(new Options(inputs, 0.5, tasks, 1.0, 10, 0.1), 1L, 2L, rows);

    assertThat(sample.rows()).isEqualTo(rows);
    assertThat(sample.inputs()).isEqualTo(inputs);
    assertThat(sample.tasks()).isEqualTo(tasks);
    assertThat(sample.features()).hasSize(rows * inputs);
    assertThat(sample.targets()).hasDimensions(tasks, rows);
  }

  @Test
  void sameSeedsGiveTheSameRows() {
    Options options = Options.paper(0.7);
    Sample a = MmoeSynthetic.generate(options, GENERATOR_SEED, ROW_SEED, 300);
    Sample b = MmoeSynthetic.generate(options, GENERATOR_SEED, ROW_SEED, 300);

    assertThat(a.features()).containsExactly(b.features());
    assertThat(a.targets()).isDeepEqualTo(b.targets());
  }

  @Test
  void otherRowSeedGivesOtherRowsFromTheSameGenerator() {
    MmoeSynthetic generator = MmoeSynthetic.draw(Options.paper(0.7), GENERATOR_SEED);
    Sample train = generator.generate(1L, 50);
    Sample test = generator.generate(2L, 50);

    assertThat(train.features()).isNotEqualTo(test.features());
    assertThat(train.targets()[0]).isNotEqualTo(test.targets()[0]);
  }

  @Test
  void otherGeneratorSeedGivesOtherDirectionsAndSinusoids() {
    MmoeSynthetic a = MmoeSynthetic.draw(Options.paper(0.7), 1L);
    MmoeSynthetic b = MmoeSynthetic.draw(Options.paper(0.7), 2L);

    assertThat(a.directions()[0]).isNotEqualTo(b.directions()[0]);
    assertThat(a.alphas()).isNotEqualTo(b.alphas());
  }

  @Test
  void generatorDrawAndFeaturesDoNotDependOnCorrelation() {
    MmoeSynthetic high = MmoeSynthetic.draw(Options.paper(0.9), GENERATOR_SEED);
    MmoeSynthetic low = MmoeSynthetic.draw(Options.paper(0.1), GENERATOR_SEED);

    assertThat(high.directions()).isDeepEqualTo(low.directions());
    assertThat(high.alphas()).containsExactly(low.alphas());
    assertThat(high.betas()).containsExactly(low.betas());
    assertThat(high.threshold()).isEqualTo(low.threshold());
    assertThat(high.generate(ROW_SEED, 100).features())
        .containsExactly(low.generate(ROW_SEED, 100).features());
  }

  @Test
  void moreTasksExtendTheDirectionsOfFewer() {
    MmoeSynthetic two = MmoeSynthetic.draw(new Options(20, 0.5, 2, 1.0, 10, 0.1), GENERATOR_SEED);
    MmoeSynthetic four = MmoeSynthetic.draw(new Options(20, 0.5, 4, 1.0, 10, 0.1), GENERATOR_SEED);

    assertThat(four.directions()[0]).containsExactly(two.directions()[0]);
    assertThat(four.directions()[1]).containsExactly(two.directions()[1]);
    assertThat(four.alphas()).containsExactly(two.alphas());
  }

  @ParameterizedTest
  @CsvSource({"1, 100, 2", "2, 2, 2", "3, 7, 7", "4, 512, 6"})
  void directionsAreOrthonormal(long seed, int inputs, int tasks) {
    double[][] u =
        MmoeSynthetic.draw(new Options(inputs, 0.3, tasks, 1.0, 10, 0.1), seed).directions();

    for (int s = 0; s < tasks; s++) {
      for (int t = 0; t < tasks; t++) {
        // double-precision Gram-Schmidt with re-orthogonalisation: rounding error only
        assertThat(dot(u[s], u[t])).as("u%d·u%d", s, t).isCloseTo(s == t ? 1.0 : 0.0, within(1e-12));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.6, 0.0, 0.35, 1.0})
  void weightsFollowTheConstructionOfStepTwo(double p) {
    double c = 2.5;
    MmoeSynthetic generator = MmoeSynthetic.draw(new Options(30, p, 3, c, 10, 0.1), GENERATOR_SEED);
    double[][] u = generator.directions();
    double[][] w = generator.weights();

    for (int j = 0; j < 30; j++) {
      assertThat(w[0][j]).isCloseTo(c * u[0][j], within(1e-12));
      for (int t = 1; t < 3; t++) {
        assertThat(w[t][j]).isCloseTo(c * (p * u[0][j] + Math.sqrt(1 - p * p) * u[t][j]), within(1e-12));
      }
    }
    for (int t = 0; t < 3; t++) {
      assertThat(Math.sqrt(dot(w[t], w[t]))).isCloseTo(c, within(1e-12));
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.5, 0.0, 0.25, 0.5, 0.9, 1.0})
  void projectionsCorrelateAsP(double p) {
    MmoeSynthetic generator = MmoeSynthetic.draw(Options.paper(p), GENERATOR_SEED);
    Sample sample = generator.generate(ROW_SEED, ROWS);
    double[][] w = generator.weights();
    double[] z1 = projections(sample, w[0]);
    double[] z2 = projections(sample, w[1]);

    // 5 standard deviations of the sample r, plus float rounding of the features for p = 1.
    double tolerance = 5 * (1 - p * p) / Math.sqrt(ROWS) + 1e-6;
    assertThat(pearson(z1, z2)).isCloseTo(p, within(tolerance));
  }

  @Test
  void extraTasksCorrelateAsPWithTheFirstAndAsPSquaredWithEachOther() {
    double p = 0.6;
    MmoeSynthetic generator = MmoeSynthetic.draw(new Options(50, p, 3, 1.0, 10, 0.1), GENERATOR_SEED);
    Sample sample = generator.generate(ROW_SEED, ROWS);
    double[][] w = generator.weights();
    double[] z1 = projections(sample, w[0]);
    double[] z2 = projections(sample, w[1]);
    double[] z3 = projections(sample, w[2]);

    double tolerance = 5 / Math.sqrt(ROWS); // (1 − ρ²) ≤ 1
    assertThat(pearson(z1, z3)).isCloseTo(p, within(tolerance));
    assertThat(pearson(z2, z3)).isCloseTo(p * p, within(tolerance));
  }

  @Test
  void targetCorrelationFallsAsPFalls() {
    double[] ps = {1.0, 0.9, 0.7, 0.5, 0.3, 0.1};
    double[] real = new double[ps.length];
    double[] binary = new double[ps.length];
    for (int i = 0; i < ps.length; i++) {
      // Same generator and row seeds for every p (common random numbers): only p changes.
      MmoeSynthetic generator = MmoeSynthetic.draw(Options.paper(ps[i]), GENERATOR_SEED);
      Sample sample = generator.generate(ROW_SEED, ROWS);
      Sample labels = generator.generateBinary(ROW_SEED, ROWS);
      real[i] = pearson(toDouble(sample.targets()[0]), toDouble(sample.targets()[1]));
      binary[i] = pearson(toDouble(labels.targets()[0]), toDouble(labels.targets()[1]));
    }

    assertThat(real).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(binary).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    // p = 1: the tasks differ by noise only (variance 0.01 against a target variance of order 1)
    assertThat(real[0]).isGreaterThan(0.95);
  }

  @ParameterizedTest
  @CsvSource({"1, 0.5, 0.1", "2, 0.9, 0.1", "3, 0.1, 0.1", "4, 0.5, 0.0", "5, -0.3, 1.0"})
  void binaryLabelsAreBalanced(long generatorSeed, double p, double noiseStd) {
    MmoeSynthetic generator =
        MmoeSynthetic.draw(new Options(100, p, 2, 1.0, 10, noiseStd), generatorSeed);
    Sample labels = generator.generateBinary(ROW_SEED, ROWS);

    for (float[] task : labels.targets()) {
      double positives = 0;
      for (float label : task) {
        positives += label;
      }
      // The cut is the population median: the share is Binomial(n, 1/2)/n, std 0.5/√n ≈ 0.0035.
      assertThat(positives / ROWS).isCloseTo(0.5, within(0.02));
    }
  }

  @Test
  void binaryLabelsAreTheRealTargetsCutAtTheThreshold() {
    MmoeSynthetic generator = MmoeSynthetic.draw(Options.paper(0.5), GENERATOR_SEED);
    Sample real = generator.generate(ROW_SEED, 500);
    Sample labels = generator.generateBinary(ROW_SEED, 500);

    assertThat(labels.features()).containsExactly(real.features());
    for (int t = 0; t < 2; t++) {
      for (int r = 0; r < 500; r++) {
        float expected = real.targets()[t][r] > generator.threshold() ? 1f : 0f;
        assertThat(labels.targets()[t][r]).isEqualTo(expected);
      }
    }
  }

  @Test
  void targetsFollowStepFourWithoutNoise() {
    MmoeSynthetic generator =
        MmoeSynthetic.draw(new Options(10, 0.4, 2, 1.0, 3, 0.0), GENERATOR_SEED);
    Sample sample = generator.generate(ROW_SEED, 20);
    double[][] w = generator.weights();
    double[] alpha = generator.alphas();
    double[] beta = generator.betas();

    for (int t = 0; t < 2; t++) {
      double[] z = projections(sample, w[t]);
      for (int r = 0; r < 20; r++) {
        double y = z[r];
        for (int i = 0; i < 3; i++) {
          y += Math.sin(alpha[i] * z[r] + beta[i]);
        }
        assertThat(sample.targets()[t][r]).isCloseTo((float) y, within(1e-5f));
      }
    }
  }

  @Test
  void rejectsInvalidOptions() {
    assertThatThrownBy(() -> new Options(100, 1.5, 2, 1.0, 10, 0.1)).hasMessageContaining("correlation = 1.5");
    assertThatThrownBy(() -> new Options(100, Double.NaN, 2, 1.0, 10, 0.1))
        .hasMessageContaining("correlation = NaN");
    assertThatThrownBy(() -> new Options(3, 0.5, 4, 1.0, 10, 0.1)).hasMessageContaining("inputs = 3");
    assertThatThrownBy(() -> new Options(100, 0.5, 1, 1.0, 10, 0.1)).hasMessageContaining("tasks = 1");
    assertThatThrownBy(() -> new Options(100, 0.5, 2, 0.0, 10, 0.1)).hasMessageContaining("scale = 0.0");
    assertThatThrownBy(() -> new Options(100, 0.5, 2, 1.0, -1, 0.1)).hasMessageContaining("sines = -1");
    assertThatThrownBy(() -> new Options(100, 0.5, 2, 1.0, 10, -0.1)).hasMessageContaining("noiseStd = -0.1");
    MmoeSynthetic generator = MmoeSynthetic.draw(Options.paper(0.5), 1L);
    assertThatThrownBy(() -> generator.generate(1L, -1)).hasMessageContaining("rows = -1");
  }

  private static double[] projections(Sample sample, double[] w) {
    double[] z = new double[sample.rows()];
    for (int r = 0; r < sample.rows(); r++) {
      for (int j = 0; j < sample.inputs(); j++) {
        z[r] += w[j] * sample.features()[r * sample.inputs() + j];
      }
    }
    return z;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double pearson(double[] a, double[] b) {
    double meanA = 0;
    double meanB = 0;
    for (int i = 0; i < a.length; i++) {
      meanA += a[i] / a.length;
      meanB += b[i] / b.length;
    }
    double cov = 0;
    double varA = 0;
    double varB = 0;
    for (int i = 0; i < a.length; i++) {
      cov += (a[i] - meanA) * (b[i] - meanB);
      varA += (a[i] - meanA) * (a[i] - meanA);
      varB += (b[i] - meanB) * (b[i] - meanB);
    }
    return cov / Math.sqrt(varA * varB);
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int j = 0; j < a.length; j++) {
      sum += a[j] * b[j];
    }
    return sum;
  }
}
