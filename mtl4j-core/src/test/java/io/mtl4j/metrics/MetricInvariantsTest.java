package io.mtl4j.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mtl4j.metrics.MetricFixtures.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Properties every registered metric has, over seeded random batches. */
class MetricInvariantsTest {

  static Stream<Arguments> metrics() {
    return MetricFixtures.allMetrics().stream().map(Arguments::of);
  }

  static Stream<Arguments> metricsAndSeeds() {
    List<Arguments> out = new ArrayList<>();
    for (Object[] m : MetricFixtures.allMetrics()) {
      for (long seed = 1; seed <= 3; seed++) {
        out.add(Arguments.of(m[0], m[1], seed));
      }
    }
    return out.stream();
  }

  private static double oneShot(Metric metric, Batch b) {
    MetricAccumulator a = metric.newAccumulator();
    a.add(b.predictions(), b.labels(), b.mask(), b.rows(), b.width());
    return a.value();
  }

  @ParameterizedTest(name = "{0} {1} seed {2}")
  @MethodSource("metricsAndSeeds")
  void streamingEqualsOneShot(LabelKind kind, String name, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    Metric metric = Metrics.byName(name, kind);
    Batch all = MetricFixtures.random(kind, 120 + rng.nextInt(80), rng);
    int w = all.width();
    int labelWidth = kind == LabelKind.MULTILABEL ? w : 1;
    MetricAccumulator streamed = metric.newAccumulator();
    int start = 0;
    while (start < all.rows()) {
      int end = Math.min(all.rows(), start + rng.nextInt(40)); // batches of 0..39 rows, empty ones included
      // copies with spare room at the end: accumulators must read only `rows` rows
      streamed.add(Arrays.copyOfRange(all.predictions(), start * w, end * w + 3),
          Arrays.copyOfRange(all.labels(), start * labelWidth, end * labelWidth + 3),
          Arrays.copyOfRange(all.mask(), start, end + 3), end - start, w);
      start = end;
    }
    double expected = oneShot(metric, all);
    assertThat(expected).isFinite();
    // the same sums in the same order except R²'s pairwise variance merge: rounding only
    assertThat(streamed.value()).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metrics")
  void maskedRowsWithWrongPredictionsDoNotCount(LabelKind kind, String name) {
    Metric metric = Metrics.byName(name, kind);
    Batch b = MetricFixtures.random(kind, 60, new SplittableRandom(name.hashCode()));
    double before = oneShot(metric, b);
    int masked = 0;
    // flip every masked row's prediction to the opposite extreme
    for (int r = 0; r < b.rows(); r++) {
      if (b.mask()[r] == 0) {
        masked++;
        for (int c = 0; c < b.width(); c++) {
          int i = r * b.width() + c;
          b.predictions()[i] = kind == LabelKind.REGRESSION ? 1e3f : 1 - b.predictions()[i];
        }
      }
    }
    assertThat(masked).isPositive();
    assertThat(oneShot(metric, b)).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metrics")
  void noValidRowGivesNaN(LabelKind kind, String name) {
    Metric metric = Metrics.byName(name, kind);
    Batch b = MetricFixtures.random(kind, 10, new SplittableRandom(3));
    MetricAccumulator a = metric.newAccumulator();
    assertThat(a.value()).isNaN();
    a.add(b.predictions(), b.labels(), new float[b.rows()], b.rows(), b.width());
    assertThat(a.value()).isNaN();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("metrics")
  void registryRoundTripsNameKindAndDirection(LabelKind kind, String name) {
    Metric metric = Metrics.byName(name.toUpperCase(java.util.Locale.ROOT), kind);
    assertThat(metric.kind()).isEqualTo(kind);
    assertThat(Metrics.byName(metric.name(), kind)).isEqualTo(metric);
    assertThat(Metrics.higherIsBetter(name)).isEqualTo(metric.higherIsBetter());
  }
}
